using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Plans;

/// <summary>
/// The whole spec flow with the nodes on another machine (the tests' own sshd), NGINX here:
/// built, planned empty, grown under traffic after a host failed midway, shrunk under traffic,
/// exported and planned empty again.
/// </summary>
[Collection(SshCollection.Name)]
public class ClusterSpecOverSshTests : InSshShell
{
    private readonly SshServer _sshd;
    private readonly NginxInstance _nginx;
    private readonly int _port = FreePorts.One();
    private readonly List<string> _nodes = [];

    public ClusterSpecOverSshTests(SshServer sshd)
    {
        _sshd = sshd;
        _nginx = NginxInstance.Start(Temp.Combine("nginx"));
        StandInPack.Make(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        foreach (var node in _nodes.Where(Directory.Exists))
            Shell.Run("Get-IsClusterNode -Path $nodeHome -ErrorAction SilentlyContinue | Stop-IsNode -Wait -ErrorAction SilentlyContinue",
                new Dictionary<string, object> { ["nodeHome"] = node });
        _nginx.Dispose();
        base.Dispose();
    }

    private Dictionary<string, object> Variables => new()
    {
        ["sshPort"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
        ["user"] = Environment.UserName, ["credentials"] = new System.Collections.Hashtable { ["db"] = MariaDbServer.IsCredential() },
        ["conf"] = _nginx.ConfDirectory, ["nginx"] = _nginx.Binary, ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath,
    };

    /// <summary>A node on the SSH machine, by its absolute path.</summary>
    private string Node(string name, string path = null)
    {
        path ??= Temp.Combine(name);
        _nodes.Add(path);
        return $"@{{ Name = '{name}'; ComputerName = '127.0.0.1'; Path = '{path}'; ClusterHost = '127.0.0.1'; ClusterPort = {FreePorts.One()}; " +
               $"Offset = {FreePorts.IsOffset()} }}";
    }

    private string Spec(params string[] nodes) => $$"""
        @{
            Pack = './pack/wso2is-7.1.0.zip'; Hostname = 'wso2.is'; TimeoutSeconds = 60; DrainSeconds = 5
            Nodes = @( {{string.Join("; ", nodes)}} )
            Database = @{ Server = 'db.example'; Name = 'regdb'; Credential = 'db' }
            LoadBalancer = @{ ServerName = 'wso2.is'; Scheme = 'Http'; ConfigDirectory = '{{_nginx.ConfDirectory}}'; ListenAddress = '127.0.0.1'
                              HttpListenPort = {{_port}}; NginxPath = '{{_nginx.Binary}}'; Prefix = '{{_nginx.Prefix}}'; ConfigPath = '{{_nginx.ConfigPath}}' }
        }
        """;

    [NeedsSshFact]
    public void A_spec_over_ssh_builds_grows_after_a_failed_host_shrinks_and_exports_with_no_failed_request()
    {
        Shell.Run("$s = New-IsSshSession 127.0.0.1 -Port $sshPort -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey",
            Variables);
        string[] two = [Node("node0"), Node("node1")];
        File.WriteAllText(Temp.Combine("two.psd1"), Spec(two));
        var built = Shell.Run("Invoke-IsClusterPlan -Spec ./two.psd1 -Session $s -Credential $credentials -PassThru", Variables);
        Assert.Empty(built.Errors);
        Assert.Equal(["127.0.0.1:" + _sshd.Port, "localhost"], built.Objects<IsClusterChange>().Select(c => c.Host).Distinct().Order());
        Assert.Empty(Shell.Run("Invoke-IsClusterPlan -Spec ./two.psd1 -Session $s -Credential $credentials -PassThru", Variables).Output);

        // The third node's folder cannot be made (a file is in the way): the plan stops there, the cluster still serves.
        File.WriteAllText(Temp.Combine("blocker"), "a file, not a folder");
        File.WriteAllText(Temp.Combine("three.psd1"), Spec([.. two, Node("node2", Temp.Combine("blocker", "node2"))]));
        var failed = UnderTraffic(Shell, _port, "Invoke-IsClusterPlan -Spec ./three.psd1 -Session $s -Credential $credentials -PassThru", Variables);
        var stopped = Assert.IsType<IsClusterChange>(Assert.Single(failed.Result.Errors).TargetObject);
        Assert.Equal((IsClusterChangeAction.Create, "node2"), (stopped.Action, stopped.Node));
        NoneFailed(failed.Traffic);

        File.Delete(Temp.Combine("blocker"));
        var grown = UnderTraffic(Shell, _port, "Invoke-IsClusterPlan -Spec ./three.psd1 -Session $s -Credential $credentials -PassThru", Variables);
        Assert.Empty(grown.Result.Errors);
        NoneFailed(grown.Traffic);
        Assert.Contains("Restart node0", grown.Result.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_nginx.ConfDirectory, "is.http.conf")).Count(l => l.StartsWith("    server 127.", StringComparison.Ordinal)));
        Assert.Equal(["node0", "node1", "node2"], grown.Traffic.Nodes.Where(n => n.Value.LastServed > grown.Ended).Select(n => n.Key).Order());

        var shrunk = UnderTraffic(Shell, _port, "Invoke-IsClusterPlan -Spec ./two.psd1 -Session $s -Credential $credentials -RemoveFiles -PassThru", Variables);
        Assert.Empty(shrunk.Result.Errors);
        NoneFailed(shrunk.Traffic);
        Assert.Contains("Remove node2", shrunk.Result.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.False(Directory.Exists(Temp.Combine("blocker", "node2")));

        var exported = Shell.Run("Get-IsClusterNode -Path $homes -Session $s | Export-IsClusterSpec ./exported.psd1 " +
            "-Site (Get-NginxSite -ConfigDirectory $conf) -DatabaseCredentialName db -NginxPath $nginx -Prefix $prefix -ConfigPath $config; " +
            "Get-IsClusterPlan ./exported.psd1 -Session $s -Credential $credentials",
            new Dictionary<string, object>(Variables) { ["homes"] = new[] { Temp.Combine("node0"), Temp.Combine("node1") } });
        Assert.Empty(exported.Errors);
        Assert.Empty(exported.Output);
        Assert.Contains($"ComputerName = '127.0.0.1:{_sshd.Port}'", File.ReadAllText(Temp.Combine("exported.psd1")));
    }
}
