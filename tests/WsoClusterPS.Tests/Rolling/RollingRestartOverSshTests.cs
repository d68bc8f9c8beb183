using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Rolling;

/// <summary>A rolling restart of nodes reached over SSH (stopped, started, their logs, ports and health API read there),
/// NGINX on this machine.</summary>
[Collection(SshCollection.Name)]
public class RollingRestartOverSshTests : InTempFolder
{
    private readonly SshServer _sshd;
    private readonly CmdletHost _shell;

    public RollingRestartOverSshTests(SshServer sshd)
    {
        _sshd = sshd;
        _shell = new CmdletHost(Temp.Path);
    }

    public override void Dispose()
    {
        _shell.Run("Get-IsSshSession | Remove-IsSshSession");
        _shell.Dispose();
        base.Dispose();
    }

    [NeedsSshFact]
    public void Nodes_over_ssh_with_their_health_api_on_roll_with_no_failed_request()
    {
        using var cluster = new TrafficCluster(_shell, Temp, 2, healthCheck: true);
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
        Assert.All(_shell.Run("$remote").Objects<IsNode>(), n => Assert.StartsWith("127.0.0.1", n.ComputerName));
    }
}
