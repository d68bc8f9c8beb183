using System.IO.Compression;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

public class NodeInstallerTests : InTempFolder
{
    private NodeRecord Node(string home, int offset = 0, NodeRole role = NodeRole.Manager) =>
        new(LocalHost.Instance, home, Path.GetFileName(home), role, offset, "10.0.0.4", IsPorts.DefaultCluster(offset), hostname: null);

    private static void Install(string pack, NodeRecord node, bool replace = false, CancellationToken cancel = default) =>
        NodeInstaller.Install(PackSource.Open(pack), node, replace, progress: null, cancel);

    [Fact]
    public void A_zip_under_one_top_folder_is_unwrapped_and_keeps_executable_scripts()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        var home = Temp.Combine("nodes", "manager");
        Install(pack, Node(home));

        Assert.True(File.Exists(Path.Combine(home, "repository", "conf", "deployment.toml")));
        Assert.True(File.Exists(Path.Combine(home, "dbscripts", "identity", "mysql.sql")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                     File.GetUnixFileMode(Path.Combine(home, "bin", "wso2server.sh")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                     File.GetUnixFileMode(Path.Combine(home, "bin", "version.txt")));
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "deployment.toml")),
                     File.ReadAllText(Path.Combine(home, "repository", "conf", "deployment.toml")));
    }

    [Fact]
    public void A_flat_zip_and_a_folder_pack_give_the_same_node()
    {
        var flat = StandInPack.Make(Temp.Combine("flat"), noTopFolder: true);
        var folder = StandInPack.Make(Temp.Combine("folder"), asFolder: true);
        Install(flat, Node(Temp.Combine("from-flat")));
        Install(folder, Node(Temp.Combine("from-folder")));

        foreach (var home in new[] { Temp.Combine("from-flat"), Temp.Combine("from-folder") })
        {
            Assert.True(File.Exists(Path.Combine(home, "repository", "conf", "deployment.toml")), home);
            Assert.True(File.GetUnixFileMode(Path.Combine(home, "bin", "wso2server.sh")).HasFlag(UnixFileMode.UserExecute), home);
        }
    }

    [Fact]
    public void An_offset_is_written_as_server_offset_and_the_marker_records_the_node()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        var home = Temp.Combine("worker one");
        Install(pack, Node(home, offset: 1, role: NodeRole.Worker));

        var toml = File.ReadAllText(Path.Combine(home, "repository", "conf", "deployment.toml"));
        Assert.Contains("base_path = \"https://$ref{server.hostname}:${carbon.management.port}\"\noffset = \"1\"\n\n[super_admin]", toml);
        var marker = NodeMarker.Parse(File.ReadAllText(Path.Combine(home, ".wsoclusterps-node")));
        Assert.Equal("Worker", marker["role"]);
        Assert.Equal("worker one", marker["name"]);
        Assert.Equal("4001", marker["cluster_port"]);
    }

    [Fact]
    public void Shell_scripts_from_a_zip_without_unix_modes_are_still_executable()
    {
        var zip = Temp.Combine("made-on-windows.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "wso2is-7.1.0/repository/conf/deployment.toml", "wso2is-7.1.0/bin/wso2server.sh" })
                archive.CreateEntry(name).ExternalAttributes = 0;
        }
        Install(zip, Node(Temp.Combine("node")));
        Assert.True(File.GetUnixFileMode(Temp.Combine("node", "bin", "wso2server.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Temp.Combine("node", "repository", "conf", "deployment.toml")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Something_that_is_not_an_is_pack_is_refused_and_leaves_nothing()
    {
        var zip = Temp.Combine("not-a-pack.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            archive.CreateEntry("wso2am-4.2.0/repository/conf/api-manager.xml");
        var error = Assert.Throws<PackException>(() => Install(zip, Node(Temp.Combine("node"))));
        Assert.Contains("is not a WSO2 IS pack", error.Message);
        Assert.Equal(["not-a-pack.zip"], Directory.GetFileSystemEntries(Temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused_with_the_reason()
    {
        var notZip = Temp.Combine("pack.zip");
        File.WriteAllText(notZip, "this is text");
        var error = Assert.Throws<PackException>(() => PackSource.Open(notZip));
        Assert.Contains("is not a readable zip", error.Message);
    }

    [Fact]
    public void A_missing_pack_says_so()
    {
        var error = Assert.Throws<PackException>(() => PackSource.Open(Temp.Combine("nowhere.zip")));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void An_entry_that_climbs_out_of_the_destination_is_refused()
    {
        var zip = Temp.Combine("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("repository/conf/deployment.toml");
            archive.CreateEntry("../escaped.txt");
        }
        Assert.Throws<InvalidDataException>(() => Install(zip, Node(Temp.Combine("node"))));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Temp.Path)!, "escaped.txt")));
        Assert.False(Directory.Exists(Temp.Combine("node")));
    }

    [Fact]
    public void A_non_empty_destination_is_refused_without_replace_and_replaced_with_it()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        var home = Temp.Combine("node");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "precious.txt"), "keep me");

        Assert.Throws<DestinationNotEmptyException>(() => Install(pack, Node(home)));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(home, "precious.txt")));

        Install(pack, Node(home), replace: true);
        Assert.False(File.Exists(Path.Combine(home, "precious.txt")));
        Assert.True(File.Exists(Path.Combine(home, "bin", "wso2server.sh")));
        Assert.Equal(["node", "pack"], Directory.GetFileSystemEntries(Temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_empty_destination_folder_is_used()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        var home = Temp.Combine("empty");
        Directory.CreateDirectory(home);
        Install(pack, Node(home));
        Assert.True(File.Exists(Path.Combine(home, "bin", "wso2server.sh")));
    }

    [Fact]
    public void A_cancelled_copy_leaves_nothing_behind()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Install(pack, Node(Temp.Combine("node")), cancel: cancel.Token));
        Assert.Equal(["pack"], Directory.GetFileSystemEntries(Temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_pack_whose_deployment_toml_does_not_parse_leaves_nothing_and_names_the_pack_entry(int offset)
    {
        var folder = StandInPack.Make(Temp.Combine("pack"), asFolder: true);
        var toml = Directory.GetFiles(folder, "deployment.toml", SearchOption.AllDirectories).Single();
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("[server]", "[server"));
        var zip = Temp.Combine("broken.zip");
        ZipFile.CreateFromDirectory(folder, zip);

        var error = Assert.Throws<WsoClusterPS.Engine.Toml.TomlEditException>(() => Install(zip, Node(Temp.Combine("nodes", "n"), offset)));

        Assert.StartsWith($"{zip} (entry wso2is-7.1.0/repository/conf/deployment.toml) line ", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Temp.Combine("nodes")));
    }

    [Fact]
    public void A_staging_copy_a_killed_run_left_is_removed_by_the_next_install()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        Directory.CreateDirectory(Temp.Combine("nodes"));
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        var leftover = Temp.Combine("nodes", $".n.new-{gone.Id}@{Environment.MachineName}@20261201T000000Z-0badc0de");
        var running = Temp.Combine("nodes", $".n.new-{Environment.ProcessId}@{Environment.MachineName}@20261201T000000Z-0badf00d");
        Directory.CreateDirectory(Path.Combine(leftover, "repository"));
        Directory.CreateDirectory(running);
        File.WriteAllText(leftover + ".zip", "half a zip sent over SSH");
        Directory.CreateDirectory(leftover + ".unzip");

        Install(pack, Node(Temp.Combine("nodes", "n")));

        Assert.False(Directory.Exists(leftover));
        Assert.False(File.Exists(leftover + ".zip"));
        Assert.False(Directory.Exists(leftover + ".unzip"));
        Assert.True(Directory.Exists(running), "a staging copy whose run is alive is not another run's to remove");
    }

    [Fact]
    public void What_a_run_on_another_machine_left_is_removed_once_it_is_hours_old_and_kept_while_it_may_still_run()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        Directory.CreateDirectory(Temp.Combine("nodes"));
        var abandoned = Temp.Combine("nodes", $".n.new-4242@azure-job-7@{DateTime.UtcNow.AddHours(-7):yyyyMMddTHHmmss}Z-0badc0de");
        var recent = Temp.Combine("nodes", $".n.new-4242@azure-job-8@{DateTime.UtcNow.AddMinutes(-5):yyyyMMddTHHmmss}Z-0badf00d");
        File.WriteAllText(abandoned + ".zip", "half a zip sent over SSH");
        File.WriteAllText(recent + ".zip", "a zip still being sent");

        Install(pack, Node(Temp.Combine("nodes", "n")));

        Assert.False(File.Exists(abandoned + ".zip"));
        Assert.True(File.Exists(recent + ".zip"), "another machine's run of minutes ago may still be sending it");
    }
}
