namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A PowerShell session with the module, working in its own temp folder, for tests that open SSH
/// sessions: the sessions it left open are closed with it, so no test's connection outlives it.
/// </summary>
public abstract class InSshShell : InTempFolder
{
    protected InSshShell() => Shell = new CmdletHost(Temp.Path);

    protected CmdletHost Shell { get; }

    public override void Dispose()
    {
        Shell.Run("Get-IsSshSession | Remove-IsSshSession");
        Shell.Dispose();
        base.Dispose();
    }
}
