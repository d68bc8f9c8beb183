using System.Diagnostics;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Hosts;

/// <summary>One pack's tar for several hosts at once: inflated once, the same bytes to each.</summary>
public class SharedZipTests : InTempFolder
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_host_gets_the_same_whole_tar_once_all_have_joined_or_left()
    {
        var zip = new SharedZip(StandInPack.Make(Temp.Combine("pack")), "wso2is-7.1.0/", hosts: 3);
        var (one, two) = (new MemoryStream(), new MemoryStream());

        var first = zip.Join(new object(), one);
        await Task.Delay(300);
        Assert.False(first.Done.IsCompleted, "the stream started before every host had joined or left");
        var second = zip.Join(new object(), two);
        zip.Leave(new object());

        await Task.WhenAll(first.Done, second.Done).WaitAsync(Bound);
        Assert.True(one.ToArray().Length > 0);
        Assert.Equal(one.ToArray(), two.ToArray());
        Assert.Equal(zip.Total, first.Sent);
        Assert.Equal(TarEntries(one.ToArray()), TarEntries(two.ToArray()));
        Assert.Contains("repository/conf/deployment.toml", TarEntries(one.ToArray()));
    }

    [Fact]
    public async Task A_host_that_stops_taking_the_stream_is_dropped_and_the_others_get_it_all()
    {
        var zip = new SharedZip(StandInPack.MakeWith(Temp.Combine("pack"),
            ("repository/components/big.jar", StandInPack.FileType | 0x1A4, new string('x', 8 << 20))), "wso2is-7.1.0/", hosts: 2);
        var whole = new MemoryStream();

        var failing = zip.Join(new object(), new FailingAfter(1 << 20));
        var taking = zip.Join(new object(), whole);

        await taking.Done.WaitAsync(Bound);
        var error = await Assert.ThrowsAsync<IOException>(() => failing.Done.WaitAsync(Bound));
        Assert.Contains("the host went away", error.ToString());
        Assert.Equal(zip.Total, taking.Sent);
        Assert.Contains("repository/components/big.jar", TarEntries(whole.ToArray()));
    }

    [Fact]
    public void A_pack_that_breaks_the_policy_is_refused_before_any_host_joins()
    {
        var pack = StandInPack.MakeWith(Temp.Combine("pack"), ("repository/components/lib", StandInPack.LinkType | 0x1FF, "/etc"));
        var zip = new SharedZip(pack, "wso2is-7.1.0/", hosts: 2);
        // What each host reads before it joins; every host is refused alike.
        var error = Assert.Throws<InvalidDataException>(() => zip.Total);
        Assert.Same(error, Assert.Throws<InvalidDataException>(() => zip.Total));
        Assert.Contains("is a link to '/etc', outside the node", error.Message);
    }

    /// <summary>The names GNU tar reads in the archive: the stream is a tar it accepts whole.</summary>
    private static List<string> TarEntries(byte[] tar)
    {
        var start = new ProcessStartInfo(RealPart.Require("tar"), ["-t", "-f", "-"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var reading = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(tar);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(0, process.ExitCode);
        return reading.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.TrimEnd('/')).ToList();
    }

    private sealed class FailingAfter(long limit) : MemoryStream
    {
        private long _taken;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if ((_taken += count) > limit) throw new IOException("the host went away");
        }
    }
}
