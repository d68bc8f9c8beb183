using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Rolling;

/// <summary>
/// Restarts of stand-in nodes behind a real NGINX while clients send GETs and POSTs through it
/// from addresses that ip_hash spreads over every node, kept-alive and not, some of them slow:
/// every request is counted.
/// </summary>
public class RollingRestartTests : InTempFolder
{
    private readonly CmdletHost _shell;
    private TrafficCluster _cluster;

    public RollingRestartTests() => _shell = new CmdletHost(Temp.Path);

    public override void Dispose()
    {
        _cluster?.Dispose();
        _shell.Dispose();
        base.Dispose();
    }

    private void Cluster(int count) => _cluster = new TrafficCluster(_shell, Temp, count);

    private (CmdletHost.Result Result, Traffic.TrafficReport Traffic, DateTime Ended) UnderTraffic(string script) => _cluster.UnderTraffic(script);

    private Dictionary<string, object> Nginx => _cluster.Variables;

    [NeedsTheory("nginx")]
    [InlineData(2)]
    [InlineData(3)]
    public void A_rolling_restart_under_traffic_fails_no_request_and_every_node_serves_again(int count)
    {
        Cluster(count);
        var (result, traffic, ended) = UnderTraffic($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters} -DrainSeconds 10 -TimeoutSeconds 60 -Verbose");

        Assert.Empty(result.Errors);
        NoneFailed(traffic);
        Assert.True(traffic.Total > 200, $"only {traffic.Total} requests were sent");
        // Every node answered after the roll ended, so each served again after its own restart.
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"node{i}"), traffic.Nodes.Where(n => n.Value.LastServed > ended).Select(n => n.Key).Order());
        for (var i = 0; i < count; i++)
            Assert.Contains($"'node{i}' ({i + 1} of {count}): marked down at NGINX, reloading", result.Verbose);
        // The coordinator moved as the logs say: each restart handed it on, and the first node, the oldest now, holds it.
        var found = _shell.Run("$nodes | Get-IsCoordinator").Objects<IsCoordinator>().Single();
        Assert.Equal("node0", found.Coordinator.Name);
        Assert.Contains(File.ReadLines(Temp.Combine("node1", "repository", "logs", "wso2carbon.log")), l => l.Contains("as the Coordinator node"));
        Assert.DoesNotContain("down", File.ReadAllText(Directory.GetFiles(_cluster.Nginx.ConfDirectory, "is.http.conf").Single()));
    }

    [NeedsFact("nginx")]
    public void Stopping_and_starting_each_node_without_a_drain_fails_requests()
    {
        Cluster(2);
        var (result, traffic, _) = UnderTraffic("foreach ($n in $nodes) { $n | Stop-IsNode -Wait; $n | Start-IsNode -Wait -TimeoutSeconds 60 }");

        Assert.Empty(result.Errors);
        Assert.True(traffic.Failed > 0, $"no request failed out of {traffic.Total}: the stand-in no longer behaves like Carbon on stop");
    }

    [NeedsFact("nginx")]
    public void WhatIf_prints_the_order_and_each_upstream_diff_and_changes_nothing()
    {
        Cluster(2);
        var before = File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf"));
        var result = _shell.Run($"$nodes | Restart-IsNode -Rolling -Site (Get-NginxSite -ConfigDirectory $conf) {NginxParameters} -WhatIf", Nginx);

        Assert.Empty(result.Errors);
        var plan = string.Join("\n", result.Console);
        Assert.Matches(@"(?s)Restart, 1 of 2: mark down in [^\n]*is\.http\.conf: wso2_is_http.*on target ""node0 .*Restart, 2 of 2: .*on target ""node1 ", plan);
        Assert.Contains("+    server 127.0.0.1:", plan);
        Assert.Contains(" down;  # WsoClusterPS: drained; was: server 127.0.0.1:", plan);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf")));
        var pids = _shell.Run("$nodes | ForEach-Object { Get-Content (Join-Path $_.Home wso2carbon.pid) }").Objects<string>().ToList();
        Assert.Equal(2, pids.Count);

        // A node no upstream lists is said to be so, not silently taken for drained.
        var unlisted = _shell.Run($"New-IsClusterNode $pack ./extra -Offset {FreePorts.IsOffset()} -ClusterHost 127.0.0.1 | Stop-IsNode -Site $sites {NginxParameters}", Nginx);
        Assert.Empty(unlisted.Errors);
        Assert.Contains(unlisted.Warnings, w => w.StartsWith("No upstream of the given sites lists 'extra'", StringComparison.Ordinal));

        // A site that is gone fails the roll before any node is touched.
        File.Delete(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf"));
        var gone = _shell.Run($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters}", Nginx);
        Assert.Equal("RestartIsNodeNotFound,WsoClusterPS.Commands.RestartIsNodeCommand", Assert.Single(gone.Errors).FullyQualifiedErrorId);
        Assert.Equal(pids, _shell.Run("$nodes | ForEach-Object { Get-Content (Join-Path $_.Home wso2carbon.pid) }").Objects<string>());
        Assert.Equal(2, _shell.Run("$nodes | Where-Object { Test-Path \"/proc/$(Get-Content (Join-Path $_.Home wso2carbon.pid))\" }").Output.Count);
    }

    [NeedsFact("nginx")]
    public void A_node_that_does_not_come_back_stops_the_roll_drained_and_Start_IsNode_Site_puts_it_back()
    {
        Cluster(2);
        var before = File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf"));
        // node1's start script starts nothing, so it never comes back.
        var script = Temp.Combine("node1", "bin", "wso2server.sh");
        var original = File.ReadAllText(script);
        File.WriteAllText(script, original.Replace("  start)\n", "  start)\n    exit 0\n"));

        var (result, traffic, _) = UnderTraffic($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters} -TimeoutSeconds 8");

        var error = Assert.Single(result.Errors);
        Assert.Equal("RestartIsNodeNotBack,WsoClusterPS.Commands.RestartIsNodeCommand", error.FullyQualifiedErrorId);
        Assert.Equal("node1", ((IsNode)error.TargetObject).Name);
        Assert.Contains("stays drained at NGINX", error.Exception.Message);
        Assert.Contains("The last lines of its wso2carbon.log", error.Exception.Message);
        NoneFailed(traffic);
        var site = _shell.Run("Get-NginxSite -ConfigDirectory $conf", Nginx).Objects<NginxSite>().Single();
        Assert.Equal([$"127.0.0.1:{9763 + _shell.Run("$nodes[1].Offset").Objects<int>().Single()}"], site.Down);

        File.WriteAllText(script, original);
        var back = _shell.Run($"$nodes[1] | Start-IsNode -Site (Get-NginxSite -ConfigDirectory $conf) {NginxParameters} -TimeoutSeconds 60", Nginx);
        Assert.Empty(back.Errors);
        Assert.Empty(_shell.Run("Get-NginxSite -ConfigDirectory $conf", Nginx).Objects<NginxSite>().Single().Down);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf")));
    }

    [Fact]
    public void A_site_without_rolling_is_refused_before_any_node_arrives_and_rolling_without_a_site_warns()
    {
        _shell.MakeManagerAndWorker(Temp.Combine("pack"));
        Directory.CreateDirectory(Temp.Combine("conf"));
        Assert.Empty(_shell.Run("$sites = $nodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory ./conf").Errors);
        var pids = Temp.Combine("manager", "wso2carbon.pid");

        // The pipeline's first node would start the manager if the refusal came after it.
        var refused = _shell.Run("$nodes | ForEach-Object { Set-Content ./arrived 'yes'; $_ } | Restart-IsNode -Site $sites -TimeoutSeconds 5");

        var error = Assert.Single(refused.Errors);
        Assert.Equal("RestartIsNodeInvalidValue,WsoClusterPS.Commands.RestartIsNodeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Site drains one node at a time, so it needs -Rolling", error.Exception.Message);
        Assert.False(File.Exists(Temp.Combine("arrived")));
        Assert.False(File.Exists(pids));
        var unguarded = _shell.Run("$nodes | Restart-IsNode -Rolling -WhatIf");
        Assert.Empty(unguarded.Errors);
        Assert.Contains("Without -Site no node is drained at NGINX first", Assert.Single(unguarded.Warnings));
    }

    [NeedsFact("nginx")]
    public void The_last_serving_node_is_never_drained()
    {
        Cluster(2);
        _shell.Run($"$nodes[1] | Stop-IsNode -Site $sites {NginxParameters}", Nginx);
        var before = File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf"));

        var result = _shell.Run($"$nodes[0] | Stop-IsNode -Site $sites {NginxParameters}", Nginx);

        var error = Assert.Single(result.Errors);
        Assert.Equal("StopIsNodeLastServingNode,WsoClusterPS.Commands.StopIsNodeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("last serving server of upstream wso2_is_http", error.Exception.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_cluster.Nginx.ConfDirectory, "is.http.conf")));
        Assert.Single(_shell.Run("$nodes | Where-Object { Test-Path (Join-Path $_.Home wso2carbon.pid) } | ForEach-Object { Get-Content (Join-Path $_.Home wso2carbon.pid) } | Where-Object { Test-Path /proc/$_ }").Output);
        var roll = _shell.Run($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters}", Nginx);
        Assert.Equal("RestartIsNodeLastServingNode,WsoClusterPS.Commands.RestartIsNodeCommand", Assert.Single(roll.Errors).FullyQualifiedErrorId);
    }

    [NeedsFact("nginx")]
    public void A_roll_whose_stop_times_out_says_where_it_stopped_and_how_to_finish()
    {
        Cluster(2);
        // node0's stop script asks nothing of the server, so it never goes away.
        var script = Temp.Combine("node0", "bin", "wso2server.sh");
        var original = File.ReadAllText(script);
        File.WriteAllText(script, original.Replace("  stop)\n", "  stop)\n    exit 0\n"));
        try
        {
            var result = _shell.Run($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters} -TimeoutSeconds 3", Nginx);

            var error = Assert.Single(result.Errors);
            Assert.Equal("RestartIsNodeRollStopped,WsoClusterPS.Commands.RestartIsNodeCommand", error.FullyQualifiedErrorId);
            Assert.Equal("node0", ((IsNode)error.TargetObject).Name);
            Assert.Contains("The rolling restart stopped at 'node0' while stopping it: it stays drained at NGINX", error.Exception.Message);
            Assert.Contains("'node1' were not restarted", error.Exception.Message);
            Assert.Contains("Start-IsNode -Site puts 'node0' back; then Restart-IsNode -Rolling -Site with 'node1'", error.Exception.Message);
            Assert.Contains("still runs or holds port", error.Exception.Message);
            Assert.NotNull(error.ErrorDetails.RecommendedAction);
        }
        finally
        {
            File.WriteAllText(script, original);
        }
        var back = _shell.Run($"$nodes[0] | Start-IsNode -Site (Get-NginxSite -ConfigDirectory $conf) {NginxParameters} -TimeoutSeconds 60", Nginx);
        Assert.Empty(back.Errors);
        Assert.Empty(_shell.Run("Get-NginxSite -ConfigDirectory $conf", Nginx).Objects<NginxSite>().Single().Down);
    }

    [Fact]
    public void One_node_spelt_twice_is_restarted_once()
    {
        _shell.MakeManagerAndWorker(Temp.Combine("pack"));
        File.CreateSymbolicLink(Temp.Combine("link"), Temp.Combine("manager"));
        var plan = _shell.Run("Get-IsClusterNode ./manager, ./manager/, ./link | Restart-IsNode -Rolling -WhatIf -WarningAction SilentlyContinue");
        Assert.Empty(plan.Errors);
        Assert.Single(plan.Console, l => l.Contains("What if") && l.Contains("manager"));
    }

    [NeedsFact("nginx")]
    public void A_hand_written_upstream_that_lists_the_node_stops_the_roll_before_anything_changes_and_is_named()
    {
        Cluster(2);
        var port = _shell.Run("$nodes[0].HttpPort").Objects<int>().Single();
        var handWritten = Path.Combine(_cluster.Nginx.ConfDirectory, "legacy.conf");
        File.WriteAllText(handWritten, $"upstream legacy_is {{\n    server 127.0.0.1:{port};\n}}\nserver {{\n    listen 127.0.0.1:{FreePorts.One()};\n" +
            "    location / { proxy_pass http://legacy_is; }\n}\n");
        var before = File.ReadAllText(_cluster.SiteFile);
        var pids = _shell.Run("$nodes | ForEach-Object { Get-Content (Join-Path $_.Home wso2carbon.pid) }").Output.Select(o => o.ToString()).ToList();

        var roll = _shell.Run($"$nodes | Restart-IsNode -Rolling -Site $sites {NginxParameters} -TimeoutSeconds 30", Nginx);
        var error = Assert.Single(roll.Errors);
        Assert.Equal("RestartIsNodeUnnamedUpstream,WsoClusterPS.Commands.RestartIsNodeCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"{handWritten} (upstream legacy_is)", error.Exception.Message);
        Assert.Contains("nothing was changed", error.Exception.Message);
        Assert.Equal(before, File.ReadAllText(_cluster.SiteFile));
        Assert.Equal(pids, _shell.Run("$nodes | ForEach-Object { Get-Content (Join-Path $_.Home wso2carbon.pid) }").Output.Select(o => o.ToString()));

        var stop = _shell.Run($"$nodes[0] | Stop-IsNode -Site $sites {NginxParameters}", Nginx);
        Assert.Equal("StopIsNodeUnnamedUpstream,WsoClusterPS.Commands.StopIsNodeCommand", Assert.Single(stop.Errors).FullyQualifiedErrorId);
        Assert.Equal(before, File.ReadAllText(_cluster.SiteFile));

        // The other node is in no hand-written upstream: it rolls.
        Assert.Empty(_shell.Run($"$nodes[1] | Restart-IsNode -Rolling -Site $sites {NginxParameters} -TimeoutSeconds 60", Nginx).Errors);
    }

    [NeedsFact("nginx")]
    public void A_node_restarted_with_a_members_list_that_reaches_no_one_is_not_put_back()
    {
        Cluster(2);
        // node1 alone is rolled, and its list names only itself and a port where no member listens: a split brain.
        Assert.Empty(_shell.Run($"$nodes[1] | Set-IsClustering -Members \"127.0.0.1:$($nodes[1].ClusterPort)\", '127.0.0.1:{FreePorts.One()}' " +
                                "-WarningAction SilentlyContinue").Errors);

        var (result, traffic, _) = UnderTraffic($"$nodes[1] | Restart-IsNode -Rolling -Site $sites {NginxParameters} -TimeoutSeconds 10");

        var error = Assert.Single(result.Errors);
        Assert.Equal("RestartIsNodeNotBack,WsoClusterPS.Commands.RestartIsNodeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("it elected itself coordinator while 1 other member(s) run: a split cluster", error.Exception.Message);
        NoneFailed(traffic);
        var port = _shell.Run("$nodes[1].HttpPort").Objects<int>().Single();
        Assert.Equal([$"127.0.0.1:{port}"], _shell.Run("Get-NginxSite -ConfigDirectory $conf", Nginx).Objects<NginxSite>().Single().Down);
    }
}
