using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Hosts;

public class LocalHostTests : InTempFolder
{
    [Fact]
    public void An_atomic_write_keeps_the_file_mode_and_leaves_no_temporary_file()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: false);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["deployment.toml"], Directory.GetFiles(Temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_backup_keeps_the_previous_content()
    {
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        LocalHost.Instance.WriteAllBytesAtomically(path, "new"u8.ToArray(), keepBackup: true);
        Assert.Equal("old", File.ReadAllText(path + ".bak"));
    }

    [Fact]
    public void A_write_into_a_missing_folder_fails_and_creates_nothing()
    {
        Assert.ThrowsAny<IOException>(() => LocalHost.Instance.WriteAllBytesAtomically(Temp.Combine("no", "such.toml"), [1], keepBackup: false));
        Assert.Empty(Directory.GetFileSystemEntries(Temp.Path));
    }

    [Fact]
    public void The_primary_address_is_an_ipv4_address()
    {
        Assert.True(System.Net.IPAddress.TryParse(LocalHost.Instance.PrimaryAddress(), out var address));
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, address.AddressFamily);
    }
}

public class LocalHostCommandTests : InTempFolder
{
    [Fact]
    public void Arguments_reach_the_program_as_given_spaces_quotes_and_dollars_included()
    {
        var result = LocalHost.Instance.Run("printf", ["%s|", "a b", "it's", "$HOME", "\"q\""], TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b|it's|$HOME|\"q\"|", result.Output);
    }

    [Fact]
    public void A_script_that_is_not_executable_is_reported_with_what_to_check()
    {
        var script = Temp.Combine("wso2server.sh");
        File.WriteAllText(script, "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<FileNotFoundException>(() => LocalHost.Instance.Run(script, ["start"], TimeSpan.FromSeconds(10)));
        Assert.Contains("Check that the file exists and is executable", error.Message);
    }

    [Fact]
    public void A_missing_program_says_to_install_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => LocalHost.Instance.Run("no-such-program-wsoclusterps", [], TimeSpan.FromSeconds(10)));
        Assert.Contains("Install it, or give its full path", error.Message);
    }

    [Fact]
    public void A_command_that_overruns_its_time_is_stopped()
    {
        var script = new LongRunningScript(Temp.Path);
        var error = Assert.Throws<TimeoutException>(() => LocalHost.Instance.Run("sh", script.Arguments, TimeSpan.FromSeconds(5)));
        Assert.Contains("did not finish within", error.Message);
        Assert.True(script.Started, "the command never started, so its stop proves nothing");
        Assert.True(script.Ended(), "the overrunning command still runs");
    }

    [Fact]
    public void A_cancelled_command_is_stopped_at_once()
    {
        var script = new LongRunningScript(Temp.Path);
        using var cancel = new CancellationTokenSource();
        var running = Task.Run(() => LocalHost.Instance.Run("sh", script.Arguments, TimeSpan.FromMinutes(30), cancel.Token));
        script.WaitUntilStarted();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => running.GetAwaiter().GetResult());
        Assert.True(script.Ended(), "the cancelled command still runs");
    }
}
