using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Plans;

/// <summary>
/// A cluster built by the step cmdlets, taken over by its exported spec, then grown to three nodes
/// and shrunk back to two through the spec while clients send requests through NGINX.
/// </summary>
[Collection(MariaDbCollection.Name)]
public class ClusterScaleTests : InTempFolder
{
    private readonly MariaDbServer _mariaDb;
    private readonly CmdletHost _shell;
    private TrafficCluster _cluster;

    public ClusterScaleTests(MariaDbServer mariaDb)
    {
        _mariaDb = mariaDb;
        _shell = new CmdletHost(Temp.Path);
    }

    public override void Dispose()
    {
        _shell.Run("Get-IsClusterNode -Path ./node2 -ErrorAction SilentlyContinue | Stop-IsNode -Wait -ErrorAction SilentlyContinue");
        _cluster?.Dispose();
        _shell.Dispose();
        base.Dispose();
    }

    [NeedsFact("nginx")]
    public void An_exported_cluster_plans_empty_grows_and_shrinks_under_traffic_with_no_failed_request()
    {
        _cluster = new TrafficCluster(_shell, Temp, 2);
        var nginx = _cluster.Variables;
        nginx["db"] = MariaDbServer.NewDatabaseName();
        nginx["dbPort"] = _mariaDb.Port;
        nginx["cred"] = MariaDbServer.IsCredential();
        Assert.Empty(_shell.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $dbPort -Database $db -Credential $cred " +
            "-WarningAction SilentlyContinue; $credentials = @{ 'wso2is-db' = $cred }", nginx).Errors);
        var exported = _shell.Run("$nodes | Export-IsClusterSpec ./cluster.psd1 -Site (Get-NginxSite -ConfigDirectory $conf) " +
            "-NginxPath $nginx -Prefix $prefix -ConfigPath $config -PassThru", nginx);
        Assert.Empty(exported.Errors);

        // The database settings were written after the nodes started: they have not taken them yet.
        var planned = _shell.Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials");
        // The database is planned as Set-IsDatabase plans it, warnings included.
        Assert.Equal(2, planned.Warnings.Count(w => w.Contains("holds no MySQL JDBC driver")));
        var pending = planned.Objects<IsClusterChange>().ToList();
        Assert.Equal(["Restart node0", "Restart node1", "Verify "], pending.Select(c => $"{c.Action} {c.Node}"));
        Assert.Equal("its files were written after it started", pending[0].Reason);
        Assert.Empty(_shell.Run("$nodes | Restart-IsNode -TimeoutSeconds 60").Errors);
        Assert.Empty(_shell.Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);

        // Scale out: a third node from the pack, every member list and upstream gains it.
        var stamps = Stamps();
        var grow = _cluster.UnderTraffic("$spec = Import-PowerShellDataFile ./cluster.psd1; $spec.Pack = $pack; $spec.DrainSeconds = 5; " +
            $"$spec.Nodes += @{{ Name = 'node2'; Path = './node2'; Offset = {FreePorts.IsOffset()}; ClusterHost = '127.0.0.1'; ClusterPort = {FreePorts.One()} }}; " +
            "$grown = $spec; Invoke-IsClusterPlan -Spec $spec -Credential $credentials -PassThru -Verbose");
        Assert.Empty(grow.Result.Errors);
        NoneFailed(grow.Traffic);
        var applied = grow.Result.Objects<IsClusterChange>().ToList();
        Assert.All(applied, c => Assert.Equal(IsClusterChangeStatus.Applied, c.Status));
        Assert.Equal(
            [
                "Create node2", "Update node0", "Update node1", "Update node2", "Start node2", "Update ", "Reload ", "Restart node0",
                "Restart node1", "Verify ",
            ],
            applied.Select(c => $"{c.Action} {c.Node}"));
        foreach (var node in new[] { "node0", "node1", "node2" })
            Assert.Equal(3, Members(node).Count);
        Assert.Equal(3, Upstream().Count);
        Assert.Equal(["node0", "node1", "node2"], grow.Traffic.Nodes.Where(n => n.Value.LastServed > grow.Ended).Select(n => n.Key).Order());
        Assert.NotEqual(stamps, Stamps());

        // The grown cluster is what its spec says: applied again, nothing is done and no file rewritten.
        stamps = Stamps();
        var again = _shell.Run("Invoke-IsClusterPlan -Spec $grown -Credential $credentials -PassThru");
        Assert.Empty(again.Errors);
        Assert.Empty(again.Output);
        Assert.Equal(stamps, Stamps());

        // Scale in: node2 leaves the spec: drained, stopped, out of every upstream and member list; the others restarted.
        var shrink = _cluster.UnderTraffic("$two = Import-PowerShellDataFile ./cluster.psd1; $two.DrainSeconds = 5; " +
            "Invoke-IsClusterPlan -Spec $two -Credential $credentials -PassThru -Verbose");
        Assert.Empty(shrink.Result.Errors);
        NoneFailed(shrink.Traffic);
        Assert.Equal(
            ["Update node0", "Update node1", "Drain node2", "Stop node2", "Update ", "Reload ", "Restart node0", "Restart node1", "Verify "],
            shrink.Result.Objects<IsClusterChange>().Select(c => $"{c.Action} {c.Node}"));
        Assert.Equal(2, Upstream().Count);
        foreach (var node in new[] { "node0", "node1" }) Assert.Equal(2, Members(node).Count);
        Assert.False(File.Exists(Temp.Combine("node2", "wso2carbon.pid")) &&
                     Directory.Exists($"/proc/{File.ReadAllText(Temp.Combine("node2", "wso2carbon.pid")).Trim()}"));
        Assert.True(Directory.Exists(Temp.Combine("node2", "repository")), "node2's files stay without -RemoveFiles");
        Assert.Empty(_shell.Run("Get-IsClusterPlan ./cluster.psd1 -Credential $credentials").Output);
    }

    private List<string> Members(string node) =>
        File.ReadAllLines(Temp.Combine(node, "repository", "conf", "deployment.toml")).Single(l => l.StartsWith("members = ", StringComparison.Ordinal))
            .Split(',').ToList();

    private List<string> Upstream() =>
        File.ReadAllLines(_cluster.SiteFile).Where(l => l.TrimStart().StartsWith("server 127.", StringComparison.Ordinal)).ToList();

    /// <summary>The modification time of every file of the cluster's nodes and NGINX sites.</summary>
    private Dictionary<string, DateTime> Stamps() =>
        new[] { "node0", "node1", "node2" }.Select(n => Temp.Combine(n, "repository", "conf", "deployment.toml"))
            .Append(_cluster.SiteFile).Where(File.Exists).ToDictionary(p => p, File.GetLastWriteTimeUtc);
}
