using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Rolling;

/// <summary>A rolling restart of nodes reached over SSH (stopped, started, their logs, ports and health API read there),
/// NGINX on this machine.</summary>
[Collection(SshCollection.Name)]
public class RollingRestartOverSshTests : InSshShell
{
    private readonly SshServer _sshd;

    public RollingRestartOverSshTests(SshServer sshd) => _sshd = sshd;

    [NeedsSshFact]
    public void Nodes_over_ssh_with_their_health_api_on_roll_with_no_failed_request()
    {
        using var cluster = new TrafficCluster(Shell, Temp, 2, healthCheck: true);
        var (result, traffic, ended) = cluster.UnderTraffic(
            "$s = New-IsSshSession 127.0.0.1 -Port $sshPort -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey; " +
            "$remote = Get-IsClusterNode -Path $nodes.Home -Session $s; " +
            $"$remote | Restart-IsNode -Rolling -Site (Get-NginxSite -ConfigDirectory $conf) {NginxParameters} -TimeoutSeconds 60 -Verbose",
            new Dictionary<string, object>
            {
                ["sshPort"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"), ["user"] = Environment.UserName,
            });

        Assert.Empty(result.Errors);
        NoneFailed(traffic);
        Assert.Equal(["node0", "node1"], traffic.Nodes.Where(n => n.Value.LastServed > ended).Select(n => n.Key).Order());
        Assert.Contains("'node1' (2 of 2): waiting until it is healthy and has joined the cluster", result.Verbose);
        Assert.All(Shell.Run("$remote").Objects<IsNode>(), n => Assert.StartsWith("127.0.0.1", n.ComputerName));
    }
}
