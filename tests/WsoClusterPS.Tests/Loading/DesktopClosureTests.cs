using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Loading;

/// <summary>
/// Windows PowerShell 5.1 cannot run here, so what backs the manifest's Desktop claim is that the
/// built module's netstandard2.0 closure is whole: every assembly the cmdlet assembly and
/// dependencies/desktop reference is either .NET Framework's own or shipped in that folder, at a
/// version at least the one referenced (the module's AssemblyResolve handler loads it by name).
/// </summary>
public class DesktopClosureTests
{
    /// <summary>What .NET Framework 4.7.2+ and Windows PowerShell 5.1 provide: the netstandard facade and the framework's own.</summary>
    private static readonly HashSet<string> Framework = new(StringComparer.OrdinalIgnoreCase)
    {
        "netstandard", "mscorlib", "System", "System.Core", "System.Xml", "System.Xml.Linq", "System.Data", "System.Numerics",
        "System.Net.Http", "System.Runtime.Serialization", "System.IO.Compression", "System.IO.Compression.FileSystem",
        "System.Transactions", "System.Configuration", "System.Security", "System.Drawing", "Microsoft.CSharp",
        "System.Management.Automation", "System.ComponentModel.Composition", "System.ComponentModel.DataAnnotations",
    };

    private static string Module => Path.Combine(Repo.Root, "out", "WsoClusterPS");

    [Fact]
    public void Every_assembly_the_desktop_build_references_is_the_frameworks_or_shipped_at_a_version_at_least_the_one_referenced()
    {
        var desktop = Path.Combine(Module, "dependencies", "desktop");
        Assert.True(Directory.Exists(desktop), $"{desktop} is missing: build the module first (build.ps1 -Task Build)");
        var shipped = Directory.GetFiles(desktop, "*.dll").Append(Path.Combine(Module, "WsoClusterPS.dll"))
            .ToDictionary(f => Identity(f).Name, f => f, StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        var resolved = 0;
        foreach (var (name, file) in shipped)
        {
            foreach (var (reference, version) in References(file))
            {
                if (Framework.Contains(reference)) continue;
                if (!shipped.TryGetValue(reference, out var present)) missing.Add($"{name} needs {reference} {version}: not in dependencies/desktop");
                else if (Identity(present).Version < version)
                    missing.Add($"{name} needs {reference} {version}: dependencies/desktop has {Identity(present).Version}");
                else resolved++;
            }
        }
        Assert.Empty(missing);
        // The walk must have found the engine and its libraries, or it checked nothing.
        Assert.True(resolved >= 15, $"only {resolved} references were resolved in dependencies/desktop");
        Assert.Contains("WsoClusterPS.Engine", shipped.Keys);
        Assert.Contains(References(Path.Combine(Module, "WsoClusterPS.dll")), r => r.Name == "WsoClusterPS.Engine");
    }

    [Fact]
    public void The_desktop_build_targets_netstandard_2_0_only()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Module, "dependencies", "desktop"), "WsoClusterPS*.dll")
                     .Append(Path.Combine(Module, "WsoClusterPS.dll")))
            Assert.Contains(References(file), r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0));
    }

    private static (string Name, Version Version) Identity(string file)
    {
        using var reader = new PEReader(File.OpenRead(file));
        var metadata = reader.GetMetadataReader();
        var definition = metadata.GetAssemblyDefinition();
        return (metadata.GetString(definition.Name), definition.Version);
    }

    private static List<(string Name, Version Version)> References(string file)
    {
        using var reader = new PEReader(File.OpenRead(file));
        var metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h))
            .Select(r => (metadata.GetString(r.Name), r.Version)).ToList();
    }
}
