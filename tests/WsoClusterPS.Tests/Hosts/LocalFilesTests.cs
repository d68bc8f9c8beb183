using System.Diagnostics;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Hosts;

/// <summary>What a local write guarantees: owner and mode kept, links never written through, read-only files refused, leftovers cleared, locks.</summary>
public class LocalFilesTests : InTempFolder
{
    private static string Stat(string path, string format = "%u:%g:%a")
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [NeedsRootFact]
    public void A_write_as_root_keeps_the_owner_group_and_mode()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        Run("chown", "1234:2345", path);
        Run("chmod", "600", path);

        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: true);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal("1234:2345:600", Stat(path));
        Assert.Equal("1234:2345:600", Stat(path + ".bak"));
    }

    [NeedsRootFact]
    public void A_file_that_holds_a_secret_and_its_backup_are_made_private_and_keep_their_owner()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        Run("chown", "1234:2345", path);
        Run("chmod", "664", path);

        LocalHost.Instance.WriteAllBytesAtomically(path, "password = \"plain\""u8.ToArray(), keepBackup: true, holdsSecret: true);
        LocalHost.Instance.WriteAllBytesAtomically(Temp.Combine("password-tmp"), "pw"u8.ToArray(), keepBackup: false, holdsSecret: true);

        Assert.Equal("1234:2345:600", Stat(path));
        Assert.Equal("1234:2345:600", Stat(path + ".bak"));
        Assert.Equal("600", Stat(Temp.Combine("password-tmp"), "%a"));
    }

    [Fact]
    public void A_backup_that_is_a_link_is_replaced_and_its_target_is_never_written()
    {
        var path = Temp.Combine("deployment.toml");
        var victim = Temp.Combine("victim");
        File.WriteAllText(path, "old");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(path + ".bak", victim);

        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: true);

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path + ".bak").LinkTarget);
        Assert.Equal("old", File.ReadAllText(path + ".bak"));
    }

    [Fact]
    public void A_file_that_is_a_link_is_refused_and_the_link_stays()
    {
        var target = Temp.Combine("real.toml");
        var link = Temp.Combine("deployment.toml");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<IOException>(() => LocalHost.Instance.WriteAllBytesAtomically(link, "new"u8.ToArray(), keepBackup: false));

        Assert.Contains("is a symbolic link (to " + target + ")", error.Message);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void A_read_only_file_is_refused_unless_forced_and_keeps_its_mode()
    {
        var path = Temp.Combine("hosts");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<UnauthorizedAccessException>(() => LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), false));
        Assert.Contains("is read-only (mode 444). Give -Force", error.Message);
        Assert.Equal("old", File.ReadAllText(path));

        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: false, replaceReadOnly: true);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal("444", Stat(path, "%a"));
    }

    [Fact]
    public void A_folder_where_the_file_should_be_is_named_as_a_folder()
    {
        Directory.CreateDirectory(Temp.Combine("deployment.toml"));
        var error = Assert.Throws<IOException>(() =>
            LocalHost.Instance.WriteAllBytesAtomically(Temp.Combine("deployment.toml"), [1], keepBackup: false));
        Assert.Contains("is a folder, not a file", error.Message);
    }

    [Fact]
    public void Temporary_files_a_killed_run_left_are_cleared_by_the_next_write()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        File.WriteAllText(Temp.Combine(".deployment.toml.0badc0de.tmp"), string.Empty);
        File.WriteAllText(Temp.Combine(".deployment.toml.bak.0badc0de.tmp"), "half");
        File.WriteAllText(Temp.Combine(".other.toml.0badc0de.tmp"), "not ours to touch");

        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: false);

        Assert.Equal([".other.toml.0badc0de.tmp", "deployment.toml"], Directory.GetFiles(Temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_lock_held_by_a_live_process_makes_a_writer_wait_then_fail_naming_it()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        using (LocalHost.Instance.Lock(path, TimeSpan.FromSeconds(1)))
        {
            var error = Assert.Throws<IOException>(() => LocalHost.Instance.Lock(path, TimeSpan.FromMilliseconds(300)).Dispose());
            Assert.Contains($"held by process {Environment.ProcessId} on {Environment.MachineName}", error.Message);
            Assert.Contains(".deployment.toml.wsoclusterps-lock", error.Message);
        }
        LocalHost.Instance.Lock(path, TimeSpan.FromMilliseconds(300)).Dispose();
        Assert.Equal(["deployment.toml"], Directory.GetFiles(Temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_lock_left_by_a_killed_run_is_taken_over()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        File.WriteAllText(Temp.Combine(".deployment.toml.wsoclusterps-lock"), $"{gone.Id}@{Environment.MachineName}@20261201T000000Z");

        FileEdit.Transform(LocalHost.Instance, path, text => text + " and new").Apply(keepBackup: false);

        Assert.Equal("old and new", File.ReadAllText(path));
        Assert.False(File.Exists(Temp.Combine(".deployment.toml.wsoclusterps-lock")));
    }

    [Fact]
    public void A_change_made_by_another_run_since_the_plan_is_kept_and_the_edit_made_again()
    {
        var path = Temp.Combine("hosts");
        File.WriteAllText(path, "a\n");
        var mine = FileEdit.Transform(LocalHost.Instance, path, text => text + "mine\n");
        File.WriteAllText(path, "a\ntheirs\n");

        mine.Apply(keepBackup: false);

        Assert.True(mine.Replanned);
        Assert.Equal("a\ntheirs\nmine\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_held_lease_is_renewed_with_a_later_expiry_until_it_is_released()
    {
        var leases = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var released = 0;
        using (new FileLease(null, leases.Enqueue, () => released++, every: TimeSpan.FromMilliseconds(50)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (leases.Count < 2 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        }
        Assert.True(leases.Count >= 2, $"renewed {leases.Count} times");
        Assert.All(leases, lease => Assert.False(FileLock.HasExpired(lease, DateTime.UtcNow), lease));
        Assert.All(leases, lease => Assert.True(FileLock.HasExpired(lease, DateTime.UtcNow + FileLock.LeaseLength + TimeSpan.FromSeconds(2)), lease));
        Assert.Equal(1, released);
        var count = leases.Count;
        Thread.Sleep(200);
        Assert.Equal(count, leases.Count);
    }
}
