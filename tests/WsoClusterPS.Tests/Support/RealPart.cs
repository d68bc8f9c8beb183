namespace WsoClusterPS.Tests.Support;

/// <summary>Programs from the operating system that tests start for real (nginx, MariaDB, sshd).</summary>
public static class RealPart
{
    /// <summary>The program's full path, looked up on PATH and in the sbin folders; null when absent.</summary>
    public static string Find(string program)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"]);
        return folders.Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>The program's path; a missing program skips the test, except under CI, where it fails it.</summary>
    public static string Require(string program) =>
        Find(program) ?? throw new InvalidOperationException($"{program} is not installed; build.ps1 -Task Test installs it (apt-get install -y {program}).");

    /// <summary>The file's owner (uid) as stat(1) prints it: .NET has no call for that.</summary>
    public static int OwnerOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Require("stat"), ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(owner.Trim());
    }

    public static string SkipReason(string program) =>
        Find(program) == null && !Repo.UnderCi ? $"{program} is not installed here (build.ps1 -Task Test installs it)." : null;
}

/// <summary>A test that needs a real program: skipped where it is missing, except under CI (CI=true).</summary>
public sealed class NeedsFactAttribute : FactAttribute
{
    public NeedsFactAttribute(string program) => Skip = RealPart.SkipReason(program);
}

/// <summary>A theory that needs a real program, as <see cref="NeedsFactAttribute"/>.</summary>
public sealed class NeedsTheoryAttribute : TheoryAttribute
{
    public NeedsTheoryAttribute(string program) => Skip = RealPart.SkipReason(program);
}

/// <summary>A test only root can run (giving a file to another user): skipped, with the reason, for anyone else.</summary>
public sealed class NeedsRootFactAttribute : FactAttribute
{
    public NeedsRootFactAttribute() => Skip = Environment.UserName == "root" ? null : "only root may give a file to another user";
}
