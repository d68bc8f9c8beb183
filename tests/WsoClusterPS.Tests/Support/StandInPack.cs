using System.Management.Automation;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// Stand-in IS packs made by tests/tools/New-StandInPack.ps1, the same generator the Pester
/// tests and the Demo use, run here through the hosted PowerShell SDK.
/// </summary>
public static class StandInPack
{
    public static string Make(string destination, bool asFolder = false, bool noTopFolder = false)
    {
        using var shell = PowerShell.Create();
        shell.AddCommand(Path.Combine(Repo.Root, "tests", "tools", "New-StandInPack.ps1"))
             .AddParameter("Destination", destination);
        if (asFolder) shell.AddParameter("AsFolder");
        if (noTopFolder) shell.AddParameter("NoTopFolder");
        var output = shell.Invoke();
        if (shell.HadErrors) throw new InvalidOperationException("New-StandInPack.ps1 failed: " + string.Join("; ", shell.Streams.Error));
        return output.Last().BaseObject.ToString();
    }

    /// <summary>The stand-in deployment.toml as the pack carries it.</summary>
    public static string DeploymentToml => File.ReadAllText(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "deployment.toml"));
}
