using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>What a person reads while waiting: progress that PowerShell 7's Minimal view shows.</summary>
public class OutputTests : InTempFolder
{
    private readonly CmdletHost _host;

    public OutputTests() => _host = new CmdletHost(Temp.Path);

    public override void Dispose()
    {
        _host.Run("$node | Stop-IsNode -Wait -ErrorAction SilentlyContinue");
        _host.Dispose();
        base.Dispose();
    }

    [Fact]
    public void Waits_say_in_their_status_what_for_and_how_long_so_far()
    {
        var made = _host.Run($"$node = New-IsClusterNode $pack ./n -Offset {FreePorts.IsOffset()} -ClusterHost 127.0.0.1 -ClusterPort {FreePorts.One()}",
            new Dictionary<string, object> { ["pack"] = StandInPack.Make(Temp.Combine("pack")) });
        Assert.Empty(made.Errors);

        var started = _host.Run("$node | Start-IsNode -Wait -TimeoutSeconds 60");
        Assert.Contains(started.Progress, s => s.StartsWith("Waiting for 'n' to start (", StringComparison.Ordinal) && s.EndsWith(" of 60 s)", StringComparison.Ordinal));
        var stopped = _host.Run("$node | Stop-IsNode -Wait -TimeoutSeconds 60");
        Assert.Empty(stopped.Errors);
        Assert.Contains(stopped.Progress, s => s.StartsWith("Waiting for 'n' to stop (", StringComparison.Ordinal));
        var none = _host.Run("Set-Content (Join-Path $node.Home repository/logs/wso2carbon.log) ''; $node | Get-IsCoordinator -Wait -TimeoutSeconds 1 -WarningAction SilentlyContinue");
        Assert.Contains(none.Progress, s => s.StartsWith("Waiting until a node is elected coordinator (0 s of 1 s)", StringComparison.Ordinal));
    }
}
