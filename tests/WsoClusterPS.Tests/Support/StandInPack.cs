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

    /// <summary>Unix file-type bits of a zip entry's external attributes.</summary>
    public const int LinkType = 0xA000;
    public const int FileType = 0x8000;

    /// <summary>The pack's zip with extra entries: (name under the top folder, Unix type and mode, content; a link's
    /// content is its target).</summary>
    public static string MakeWith(string destination, params (string Name, int Mode, string Content)[] extra)
    {
        var zip = Make(destination);
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Update))
        {
            foreach (var (name, mode, content) in extra)
            {
                var entry = archive.CreateEntry("wso2is-7.1.0/" + name);
                entry.ExternalAttributes = mode << 16;
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }
        return zip;
    }

    /// <summary>The stand-in deployment.toml as the pack carries it.</summary>
    public static string DeploymentToml => File.ReadAllText(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "deployment.toml"));
}
