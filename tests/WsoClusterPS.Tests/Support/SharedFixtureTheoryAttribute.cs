namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A theory over the WSO2 reference files in ../shared, read there and never copied in: skipped,
/// with a message saying where they were looked for, when they are absent.
/// </summary>
public sealed class SharedFixtureTheoryAttribute : TheoryAttribute
{
    public SharedFixtureTheoryAttribute() => Skip = SharedFixtures.SkipReason;
}

/// <summary>A test of the WSO2 reference files that also needs a real program (MariaDB): skipped when either is absent.</summary>
public sealed class NeedsSharedFactAttribute : FactAttribute
{
    public NeedsSharedFactAttribute(string program) => Skip = SharedFixtures.SkipReason ?? RealPart.SkipReason(program);
}

public static class SharedFixtures
{
    public static string SkipReason =>
        Directory.Exists(Repo.SharedWso2) ? null : $"The WSO2 reference files are not at {Repo.SharedWso2} (shared/ beside the repository).";
}
