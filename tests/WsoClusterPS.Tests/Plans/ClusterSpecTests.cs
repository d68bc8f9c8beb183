using System.Security.Cryptography;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Plans;

/// <summary>
/// A cluster built from nothing by its spec: two stand-in nodes from the pack, a MariaDB database
/// with the pack's schema, a real NGINX in front; then planned again, changed, and broken midway.
/// </summary>
[Collection(MariaDbCollection.Name)]
public class ClusterSpecTests : InTempFolder
{
    private readonly MariaDbServer _mariaDb;
    private readonly CmdletHost _shell;
    private readonly NginxInstance _nginx;
    private readonly Dictionary<string, object> _variables;
    private readonly string _database = MariaDbServer.NewDatabaseName();
    private readonly int[] _offsets = [FreePorts.IsOffset(), FreePorts.IsOffset()];
    private readonly int[] _clusterPorts = [FreePorts.One(), FreePorts.One()];
    private readonly int _port = FreePorts.One();

    public ClusterSpecTests(MariaDbServer mariaDb)
    {
        _mariaDb = mariaDb;
        _shell = new CmdletHost(Temp.Path);
        _nginx = NginxInstance.Start(Temp.Combine("nginx"));
        File.WriteAllText(Temp.Combine("mysql-connector-j-8.4.0.jar"), "driver");
        StandInPack.Make(Temp.Combine("pack"));
        _variables = new Dictionary<string, object> { ["credentials"] = new System.Collections.Hashtable { ["wso2is-db"] = MariaDbServer.IsCredential() } };
    }

    public override void Dispose()
    {
        _shell.Run("Get-IsClusterNode ./manager, ./worker -ErrorAction SilentlyContinue | Stop-IsNode -Wait -ErrorAction SilentlyContinue");
        _nginx.Dispose();
        _shell.Dispose();
        base.Dispose();
    }

    /// <summary>The spec file, with <paramref name="proxyPort"/> as the HTTPS proxy port.</summary>
    private void WriteSpec(int proxyPort = 443, string workerState = "Running") => File.WriteAllText(Temp.Combine("cluster.psd1"), $$"""
        @{
            Pack          = './pack/wso2is-7.1.0.zip'
            Hostname      = 'wso2.is'
            ProxyPort     = {{proxyPort}}
            HttpProxyPort = 80
            TimeoutSeconds = 60; DrainSeconds = 5
            Nodes = @(
                @{ Name = 'manager'; Role = 'Manager'; Path = './manager'; ClusterHost = '127.0.0.1'; ClusterPort = {{_clusterPorts[0]}}; Offset = {{_offsets[0]}} }
                @{ Name = 'worker'; Path = './worker'; ClusterHost = '127.0.0.1'; ClusterPort = {{_clusterPorts[1]}}; Offset = {{_offsets[1]}}; State = '{{workerState}}' }
            )
            Database = @{ Server = '127.0.0.1'; Port = {{_mariaDb.Port}}; Name = '{{_database}}'; Credential = 'wso2is-db'; InitializeSchema = $true
                          JdbcDriverPath = './mysql-connector-j-8.4.0.jar'; ConnectionOption = @{ useSSL = 'false' } }
            LoadBalancer = @{ ServerName = 'wso2.is'; Scheme = 'Http'; ConfigDirectory = '{{_nginx.ConfDirectory}}'; ListenAddress = '127.0.0.1'
                              HttpListenPort = {{_port}}; NginxPath = '{{_nginx.Binary}}'; Prefix = '{{_nginx.Prefix}}'; ConfigPath = '{{_nginx.ConfigPath}}' }
        }
        """);

    private CmdletHost.Result Run(string script) => _shell.Run(script, _variables);

    [NeedsFact("nginx")]
    public void A_spec_builds_the_cluster_then_plans_empty_and_applying_again_rewrites_nothing()
    {
        WriteSpec();
        var before = Checksums();
        var whatIf = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Equal(before, Checksums());
        Assert.DoesNotContain(_database, _mariaDb.Databases());
        Assert.Contains(whatIf.Console, l => l.Contains("InitializeSchema: the databases get the pack's scripts they lack"));
        // A node not made yet shows its diff against the pack's own deployment.toml; the password is masked.
        var printed = string.Join("\n", whatIf.Console);
        Assert.Contains("+membership_scheme = \"wka\"", printed);
        Assert.Matches(@"\n\+password = ""?\*{8}", printed);
        Assert.DoesNotContain(MariaDbServer.IsPassword, printed);

        var applied = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru -Verbose");
        Assert.Empty(applied.Errors);
        Assert.Equal(
            [
                "Create manager", "Create worker", "Update manager", "Update worker", "Create manager", "Create worker", "InitializeSchema manager",
                "Start manager", "Start worker", "Create ", "Create ", "Reload ", "Verify ",
            ],
            applied.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.All(applied.Objects<IsClusterChange>(), c => Assert.Equal(IsClusterChangeStatus.Applied, c.Status));
        // Progress says which change of how many runs, and what a long one is doing.
        Assert.Contains(applied.Progress, p => p.StartsWith($"1 of 13: Create {Temp.Combine("manager")} on localhost: Copying the pack", StringComparison.Ordinal));
        Assert.Contains(applied.Progress, p => p.StartsWith("7 of 13: InitializeSchema MySQL 127.0.0.1:", StringComparison.Ordinal) && p.Contains(" statements"));
        Assert.Contains("UM_TENANT", _mariaDb.Tables(_database));
        Assert.True(File.Exists(Temp.Combine("worker", "repository", "components", "lib", "mysql-connector-j-8.4.0.jar")));
        var everything = string.Join("\n", applied.Console.Concat(applied.Verbose).Concat(applied.Warnings)
            .Concat(applied.Objects<IsClusterChange>().Select(c => c.Diff + c.Reason)));
        Assert.DoesNotContain(MariaDbServer.IsPassword, everything);

        var stamps = Stamps();
        Assert.Empty(Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);
        var again = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru");
        Assert.Empty(again.Errors);
        Assert.Empty(again.Output);
        Assert.Equal(stamps, Stamps());

        // One setting changed: exactly its file edits and the drained restarts of the nodes it touches.
        WriteSpec(proxyPort: 8443);
        before = Checksums();
        var preview = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -WhatIf");
        Assert.Equal(before, Checksums());
        Assert.Contains(preview.Console, l => l.Contains("+proxyPort = 8443"));
        var changed = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru");
        Assert.Empty(changed.Errors);
        Assert.Equal(["Update manager", "Update worker", "Restart manager", "Restart worker", "Verify "],
            changed.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.Contains(changed.Progress, p => p.StartsWith("3 of 5: Restart ", StringComparison.Ordinal) &&
                                              p.EndsWith(": 'manager': waiting until it is healthy and has joined the cluster", StringComparison.Ordinal));
        Assert.Empty(Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);
    }

    [NeedsFact("nginx")]
    public void A_node_the_spec_wants_stopped_is_drained_stopped_and_out_of_the_upstream_until_it_is_wanted_again()
    {
        WriteSpec();
        Assert.Empty(Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials").Errors);
        var site = Path.Combine(_nginx.ConfDirectory, "is.http.conf");

        // A running node's ports do not move under NGINX: it is stopped first.
        var offset = _offsets[1];
        _offsets[1] = FreePorts.IsOffset();
        WriteSpec();
        var moved = Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials");
        Assert.Contains($"Node 'worker' runs at 127.0.0.1 with offset {offset}", Assert.Single(moved.Errors).Exception.Message);
        _offsets[1] = offset;

        WriteSpec(workerState: "Stopped");
        var stopped = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru");
        Assert.Empty(stopped.Errors);
        Assert.Equal(["Drain worker", "Stop worker", "Update ", "Reload ", "Verify "], stopped.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.Single(File.ReadAllLines(site), l => l.StartsWith("    server 127.", StringComparison.Ordinal));
        Assert.False(File.Exists(Temp.Combine("worker", "wso2carbon.pid")) &&
                     Directory.Exists($"/proc/{File.ReadAllText(Temp.Combine("worker", "wso2carbon.pid")).Trim()}"));
        Assert.Empty(Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);

        WriteSpec();
        var started = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru");
        Assert.Empty(started.Errors);
        Assert.Equal(["Start worker", "Update ", "Reload ", "Verify "], started.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.Equal(2, File.ReadAllLines(site).Count(l => l.StartsWith("    server 127.", StringComparison.Ordinal)));
    }

    [NeedsFact("nginx")]
    public void A_plan_that_fails_midway_says_what_is_left_and_a_rerun_finishes_it()
    {
        WriteSpec();
        // A site NGINX refuses: the plan's reload fails after the nodes were made and started.
        var broken = Path.Combine(_nginx.ConfDirectory, "broken.conf");
        File.WriteAllText(broken, "this is not nginx;\n");
        var failed = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials -PassThru");
        var error = Assert.Single(failed.Errors);
        Assert.Equal("InvokeIsClusterPlanNginxRejected,WsoClusterPS.Commands.InvokeIsClusterPlanCommand", error.FullyQualifiedErrorId);
        Assert.Matches(@"(?s)The plan stopped at change 12 of 13 \(Reload NGINX .*\): .* 11 change\(s\) were applied before it and 1 were not run", error.ErrorDetails.Message);
        Assert.Equal(IsClusterChangeStatus.NotRun, failed.Objects<IsClusterChange>().Last().Status);
        Assert.False(File.Exists(Path.Combine(_nginx.ConfDirectory, "is.http.conf")), "the refused site was put back: none");

        File.Delete(broken);
        var left = Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Objects<IsClusterChange>();
        Assert.Equal(["Create", "Create", "Reload", "Verify"], left.Select(c => c.Action.ToString()));
        var rerun = Run("Invoke-IsClusterPlan -Spec ./cluster.psd1 -Credential $credentials");
        Assert.Empty(rerun.Errors);
        Assert.Empty(Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);
    }

    /// <summary>The SHA-256 of every file of the nodes, the sandbox and NGINX's configuration (logs left out: running nodes
    /// write them).</summary>
    private Dictionary<string, string> Checksums() =>
        Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/logs/") && !f.Contains("/tmp/") && !f.EndsWith(".pid", StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private Dictionary<string, DateTime> Stamps() =>
        Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/logs/") && !f.Contains("/tmp/"))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
}
