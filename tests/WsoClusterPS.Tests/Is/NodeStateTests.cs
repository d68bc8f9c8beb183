using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>
/// A node's State and Pid as Get-IsClusterNode reads them from its host: the pid file Carbon
/// writes, the process table and the listening sockets, here and over SSH.
/// </summary>
[Collection(SshCollection.Name)]
public class NodeStateTests : InSshShell
{
    private readonly SshServer _sshd;
    private readonly int _offset = FreePorts.IsOffset();

    public NodeStateTests(SshServer sshd)
    {
        _sshd = sshd;
        Shell.Run("New-IsClusterNode $pack ./node -Offset $offset -ClusterHost 127.0.0.1 | Out-Null",
            new Dictionary<string, object> { ["pack"] = StandInPack.Make(Temp.Combine("pack")), ["offset"] = _offset });
    }

    private string PidFile => Temp.Combine("node", "wso2carbon.pid");

    private (IsNodeState State, int? Pid) Read(string options = "")
    {
        var node = Shell.Run("Get-IsClusterNode ./node " + options).Objects<IsNode>().Single();
        return (node.State, node.Pid);
    }

    private static int ExitedPid()
    {
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        return gone.Id;
    }

    [Fact]
    public void Stopped_starting_running_and_crashed_are_told_apart_and_NoState_reads_nothing()
    {
        Assert.Equal((IsNodeState.Stopped, (int?)null), Read());

        File.WriteAllText(PidFile, Environment.ProcessId + "\n");
        Assert.Equal((IsNodeState.Starting, (int?)Environment.ProcessId), Read());

        var listener = new TcpListener(IPAddress.IPv6Any, 9443 + _offset) { Server = { DualMode = true } };
        listener.Start();
        try
        {
            Assert.Equal((IsNodeState.Running, (int?)Environment.ProcessId), Read());
            Assert.Equal((IsNodeState.Unknown, (int?)null), Read("-NoState"));
        }
        finally
        {
            listener.Stop();
        }

        // Killed hard, Carbon leaves its pid file behind.
        File.WriteAllText(PidFile, ExitedPid() + "\n");
        Assert.Equal((IsNodeState.Stopped, (int?)null), Read());
    }

    [NeedsSshFact]
    public void Over_SSH_the_host_itself_answers()
    {
        var variables = new Dictionary<string, object>
        {
            ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
            ["user"] = Environment.UserName, ["nodeHome"] = Temp.Combine("node"),
        };
        Assert.Empty(Shell.Run("$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known " +
            "-AcceptNewHostKey", variables).Errors);
        (IsNodeState, int?) Remote() => Shell.Run("Get-IsClusterNode $nodeHome -Session $s", variables).Objects<IsNode>()
            .Select(n => (n.State, n.Pid)).Single();

        Assert.Equal((IsNodeState.Stopped, (int?)null), Remote());
        File.WriteAllText(PidFile, Environment.ProcessId + "\n");
        var listener = new TcpListener(IPAddress.Loopback, 9443 + _offset);
        listener.Start();
        try
        {
            Assert.Equal((IsNodeState.Running, (int?)Environment.ProcessId), Remote());
        }
        finally
        {
            listener.Stop();
        }
        Assert.Equal((IsNodeState.Starting, (int?)Environment.ProcessId), Remote());
    }
}
