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
