namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A theory over the WSO2 reference files in ../shared. Skipped, with a message, on a developer
/// machine without them; under CI (CI=true) it runs and fails, since a missing part is a failure there.
/// </summary>
public sealed class SharedFixtureTheoryAttribute : TheoryAttribute
{
    public SharedFixtureTheoryAttribute()
    {
        if (!Directory.Exists(Repo.SharedWso2) && !Repo.UnderCi)
            Skip = $"The WSO2 reference files are not at {Repo.SharedWso2}.";
    }
}
