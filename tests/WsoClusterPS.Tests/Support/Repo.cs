namespace WsoClusterPS.Tests.Support;

/// <summary>Where the repository, its test tools and the shared WSO2 reference files are.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/fixtures/wso2 beside the repository (read there, never copied in).</summary>
    public static string SharedWso2 => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "wso2"));

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WsoClusterPS.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository: WsoClusterPS.sln not found above " + AppContext.BaseDirectory);
    }
}
