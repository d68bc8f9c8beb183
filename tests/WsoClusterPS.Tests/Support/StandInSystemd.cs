namespace WsoClusterPS.Tests.Support;

/// <summary>
/// systemd where none runs: tests/tools/standin-systemctl.sh, acting on a folder of unit files and recording each call,
/// bound over /usr/bin/systemctl and /etc/systemd/system inside a mount namespace, so the module works at the real places.
/// </summary>
public sealed class StandInSystemd
{
    public const string RealUnits = "/etc/systemd/system";
    public const string RealSystemctl = "/usr/bin/systemctl";

    public StandInSystemd(string folder)
    {
        Units = Path.Combine(folder, "units");
        Directory.CreateDirectory(Units);
        Calls = Path.Combine(folder, "systemctl-calls");
        File.WriteAllText(Calls, string.Empty);
        Systemctl = Path.Combine(folder, "systemctl");
        // Inside the namespace the script sees the units at the real place.
        File.WriteAllText(Systemctl, File.ReadAllText(Path.Combine(Repo.Root, "tests", "tools", "standin-systemctl.sh"))
            .Replace("@UNITS@", RealUnits).Replace("@CALLS@", Calls));
        File.SetUnixFileMode(Systemctl, (UnixFileMode)0x1ED);
    }

    /// <summary>The unit files, as /etc/systemd/system inside the namespace.</summary>
    public string Units { get; }

    public string Calls { get; }
    public string Systemctl { get; }

    /// <summary>Why the stand-in cannot be bound here: the places it covers must exist (Debian's systemd package).</summary>
    public static string SkipReason => Directory.Exists(RealUnits) && File.Exists(RealSystemctl) ? null
        : $"{RealSystemctl} and {RealUnits} are missing (build.ps1 -Task Test installs systemd)";

    /// <summary>Shell commands that bind the stand-in over the real places, for a mount namespace's start.</summary>
    public IEnumerable<string> Binds => SkipReason != null ? [] :
        [$"mount --bind '{Units}' {RealUnits}", $"mount --bind '{Systemctl}' {RealSystemctl}"];

    /// <summary>What systemd's own checker says of a unit file: its exit code and everything it printed.</summary>
    public static (int Exit, string Said) Verify(string unit)
    {
        var start = new System.Diagnostics.ProcessStartInfo(RealPart.Require("systemd-analyze"), ["verify", unit]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var verify = System.Diagnostics.Process.Start(start)!;
        var said = verify.StandardOutput.ReadToEnd() + verify.StandardError.ReadToEnd();
        Assert.True(verify.WaitForExit(30_000), "systemd-analyze verify did not end within 30 s");
        return (verify.ExitCode, said.Trim());
    }

    /// <summary>The calls so far, one line each ("start wso2is-node0.service"), and forgets them.</summary>
    public string[] TakeCalls()
    {
        var calls = File.ReadAllLines(Calls);
        File.WriteAllText(Calls, string.Empty);
        return calls;
    }
}
