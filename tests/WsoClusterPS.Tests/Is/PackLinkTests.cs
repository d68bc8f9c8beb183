using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>One policy for links and special bits in packs: a link inside the node stays a link, one outside refuses the pack.</summary>
public class PackLinkTests : InTempFolder
{
    private const int LinkType = StandInPack.LinkType;
    private const int FileType = StandInPack.FileType;

    private string PackWith(params (string Name, int Mode, string Content)[] extra) => StandInPack.MakeWith(Temp.Combine("pack"), extra);

    private NodeRecord Node(string home) =>
        new(LocalHost.Instance, home, Path.GetFileName(home), NodeRole.Worker, 0, "10.0.0.4", 4000, hostname: null);

    [Fact]
    public void A_link_pointing_outside_the_node_refuses_the_pack_and_leaves_nothing()
    {
        var zip = PackWith(("repository/components/dropins", LinkType | 0x1FF, "/tmp/elsewhere"));
        var error = Assert.Throws<InvalidDataException>(() =>
            NodeInstaller.Install(PackSource.Open(zip), Node(Temp.Combine("nodes", "n")), false, null, CancellationToken.None));
        Assert.Contains("is a link to '/tmp/elsewhere', outside the node", error.Message);
        Assert.False(Directory.Exists(Temp.Combine("nodes", "n")));
    }

    [Fact]
    public void A_link_climbing_out_with_dots_refuses_the_pack()
    {
        var zip = PackWith(("bin/escape", LinkType | 0x1FF, "../../../etc"));
        Assert.Throws<InvalidDataException>(() =>
            NodeInstaller.Install(PackSource.Open(zip), Node(Temp.Combine("n")), false, null, CancellationToken.None));
    }

    [Fact]
    public void A_link_inside_the_node_stays_a_link_and_setuid_bits_are_dropped()
    {
        var zip = PackWith(("bin/start.sh", LinkType | 0x1FF, "wso2server.sh"), ("bin/tool", FileType | 0xDED, "#!/bin/sh\n"));
        var home = Temp.Combine("n");
        NodeInstaller.Install(PackSource.Open(zip), Node(home), false, null, CancellationToken.None);
        Assert.Equal("wso2server.sh", new FileInfo(Path.Combine(home, "bin", "start.sh")).LinkTarget);
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(home, "bin", "tool")));
    }

    [Fact]
    public void A_folder_pack_never_copies_a_link_target_from_outside_it()
    {
        var folder = StandInPack.Make(Temp.Combine("folder"), asFolder: true);
        var isHome = Directory.GetDirectories(folder).Single();
        File.WriteAllText(Temp.Combine("secret"), "not for the node");
        File.CreateSymbolicLink(Path.Combine(isHome, "bin", "secret"), Temp.Combine("secret"));
        var error = Assert.Throws<InvalidDataException>(() =>
            NodeInstaller.Install(PackSource.Open(folder), Node(Temp.Combine("n")), false, null, CancellationToken.None));
        Assert.Contains("outside the pack", error.Message);
        Assert.False(Directory.Exists(Temp.Combine("n")));
    }

    [Fact]
    public void A_folder_pack_link_inside_it_is_made_again_relative_in_the_node()
    {
        var folder = StandInPack.Make(Temp.Combine("folder"), asFolder: true);
        var isHome = Directory.GetDirectories(folder).Single();
        File.CreateSymbolicLink(Path.Combine(isHome, "bin", "start.sh"), Path.Combine(isHome, "bin", "wso2server.sh"));
        var home = Temp.Combine("n");
        NodeInstaller.Install(PackSource.Open(folder), Node(home), false, null, CancellationToken.None);
        Assert.Equal("wso2server.sh", new FileInfo(Path.Combine(home, "bin", "start.sh")).LinkTarget);
    }
}
