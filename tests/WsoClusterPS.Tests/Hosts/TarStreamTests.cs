using System.Diagnostics;
using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Hosts;

/// <summary>The tar the pack is streamed as, read back by the real GNU tar.</summary>
public class TarStreamTests : InTempFolder
{
    private static readonly DateTimeOffset Modified = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Private = (UnixFileMode)0b110_000_000;

    [NeedsFact("tar")]
    public void Gnu_tar_makes_links_with_short_and_long_targets()
    {
        var longTarget = string.Join("/", Enumerable.Repeat("plugins", 20)) + "/a.jar";
        var archive = Temp.Combine("links.tar");
        using (var output = File.Create(archive))
        using (var tar = new TarStream(output))
        {
            tar.AddDirectory("bin", 0b111_101_101, Modified);
            tar.AddSymlink("bin/start.sh", "wso2server.sh", Modified);
            tar.AddSymlink("bin/deep", longTarget, Modified);
        }
        var into = Temp.Combine("unpacked");
        Directory.CreateDirectory(into);
        Tar("-x", "-f", archive, "-C", into);

        Assert.Equal("wso2server.sh", new FileInfo(Path.Combine(into, "bin", "start.sh")).LinkTarget);
        Assert.Equal(longTarget, new FileInfo(Path.Combine(into, "bin", "deep")).LinkTarget);
    }

    [NeedsFact("tar")]
    public void Gnu_tar_unpacks_folders_modes_times_long_and_unicode_names()
    {
        var longName = string.Join("/", Enumerable.Repeat("repository/components/plugins", 5)) + "/org.wso2.carbon.identity.ä.jar";
        Assert.True(Encoding.UTF8.GetByteCount(longName) > 100);
        var archive = Temp.Combine("pack.tar");
        using (var output = File.Create(archive))
        using (var tar = new TarStream(output))
        {
            tar.AddDirectory("bin", 0b111_101_101, Modified);
            Add(tar, "bin/wso2server.sh", "#!/bin/sh\necho started\n", 0b111_101_101);
            Add(tar, "repository/conf/secret.key", "s3cret", 0b110_000_000);
            Add(tar, longName, new string('x', 70_000), 0b110_100_100);
            Add(tar, "empty.txt", "", 0b110_100_100);
        }
        Assert.Equal(0, new FileInfo(archive).Length % 512);

        var into = Temp.Combine("unpacked");
        Directory.CreateDirectory(into);
        Tar("-x", "-p", "-f", archive, "-C", into);

        Assert.Equal("#!/bin/sh\necho started\n", File.ReadAllText(Path.Combine(into, "bin", "wso2server.sh")));
        Assert.Equal(Executable, File.GetUnixFileMode(Path.Combine(into, "bin", "wso2server.sh")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(into, "repository", "conf", "secret.key")));
        Assert.Equal(70_000, new FileInfo(Path.Combine(into, longName)).Length);
        Assert.Equal(0, new FileInfo(Path.Combine(into, "empty.txt")).Length);
        Assert.Equal(Modified.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(into, "bin", "wso2server.sh")));
        Assert.Contains(longName, Tar("-t", "-f", archive));
    }

    [Fact]
    public void A_zip_entry_shorter_than_it_claims_is_an_error_not_a_short_file()
    {
        using var output = new MemoryStream();
        using var tar = new TarStream(output);
        var error = Assert.Throws<InvalidDataException>(() => tar.AddFile("lib/x.jar", 0b110_100_100, Modified, 10, new MemoryStream(new byte[4])));
        Assert.Contains("ended 6 bytes before", error.Message);
    }

    private static void Add(TarStream tar, string name, string content, int mode)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        tar.AddFile(name, mode, Modified, bytes.Length, new MemoryStream(bytes));
    }

    private static string Tar(params string[] arguments)
    {
        var start = new ProcessStartInfo(RealPart.Require("tar")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var tar = Process.Start(start)!;
        var output = tar.StandardOutput.ReadToEnd();
        var error = tar.StandardError.ReadToEnd();
        tar.WaitForExit();
        Assert.True(tar.ExitCode == 0, "tar failed: " + error);
        return output;
    }
}
