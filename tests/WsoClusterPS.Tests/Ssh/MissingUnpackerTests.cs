using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>New-IsClusterNode over SSH to machines without unzip or tar: the pack is streamed into tar where there is tar, else
/// uploaded and unzipped.</summary>
[Collection(NonRootSshCollection.Name)]
public class MissingUnpackerTests(NonRootSshServer sshd) : InTempFolder
{
    private string UserHome => sshd.Home(NonRootSshServer.BareUser);

    [NeedsNonRootSshFact]
    public void A_pack_is_streamed_into_tar_with_its_modes_and_belongs_to_the_user()
    {
        var result = AsUser(NonRootSshServer.BareUser, "New-IsClusterNode $pack \"$userHome/node one\" -Session $s -ClusterHost 10.0.0.5");

        Assert.Empty(result.Errors);
        using (var bare = Engine.Ssh.SshHost.Connect(sshd.OptionsFor(NonRootSshServer.BareUser, Temp.Combine("known_hosts"))))
            Assert.NotEqual(0, bare.Run("sh", ["-c", "command -v unzip || exit 1"], TimeSpan.FromSeconds(30)).ExitCode);
        var node = Assert.Single(result.Objects<IsNode>());
        Assert.Equal("node one", node.Name);
        var script = Path.Combine(UserHome, "node one", "bin", "wso2server.sh");
        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.Exists(Path.Combine(UserHome, "node one", "repository", "conf", "deployment.toml")));
        Assert.Equal(["node one"], Directory.GetFileSystemEntries(UserHome).Select(Path.GetFileName));
    }

    [NeedsNonRootSshFact]
    public void A_zip_already_on_a_machine_without_unzip_is_refused_with_the_way_around()
    {
        var result = AsUser(NonRootSshServer.BareUser, "New-IsClusterNode -RemotePackPath $pack -Path \"$userHome/node two\" -Session $s");

        var error = Assert.Single(result.Errors);
        Assert.Contains("unzip is not installed", error.Exception.Message);
        Assert.Contains("-PackPath, which is streamed without it", error.Exception.Message);
        Assert.False(Directory.Exists(Path.Combine(UserHome, "node two")));
    }

    [NeedsNonRootSshFact]
    public void A_machine_without_tar_gets_the_zip_uploaded_and_unzipped_and_keeps_nothing_but_the_node()
    {
        var result = AsUser(NonRootSshServer.NoTarUser, "New-IsClusterNode $pack \"$userHome/node\" -Session $s -ClusterHost 10.0.0.5");

        Assert.Empty(result.Errors);
        var userHome = sshd.Home(NonRootSshServer.NoTarUser);
        var node = Assert.Single(result.Objects<IsNode>());
        Assert.Equal(Path.Combine(userHome, "node"), node.Home);
        Assert.True(File.GetUnixFileMode(Path.Combine(userHome, "node", "bin", "wso2server.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(["node"], Directory.GetFileSystemEntries(userHome).Select(Path.GetFileName));
        var uploading = result.Progress.ToList().FindIndex(p => p.Contains(": uploading, ", StringComparison.Ordinal));
        var unpacking = result.Progress.ToList().FindIndex(p => p.Contains(": unpacking on the machine", StringComparison.Ordinal));
        Assert.True(uploading >= 0 && unpacking > uploading, string.Join(" | ", result.Progress));
    }

    [NeedsNonRootSshFact]
    public void A_machine_without_tar_or_unzip_is_told_what_to_install_and_nothing_is_left()
    {
        var result = AsUser(NonRootSshServer.NoUnpackerUser, "New-IsClusterNode $pack \"$userHome/node\" -Session $s -ClusterHost 10.0.0.5");

        var error = Assert.Single(result.Errors);
        Assert.Contains("Neither tar nor unzip is installed on", error.Exception.Message);
        Assert.Contains("apt-get install -y tar", error.Exception.Message);
        Assert.Empty(result.Objects<IsNode>());
        Assert.Empty(Directory.GetFileSystemEntries(sshd.Home(NonRootSshServer.NoUnpackerUser)));
    }

    /// <summary>Runs a script with $s, a session of <paramref name="user"/>, $pack, a stand-in pack, and $userHome, the user's home.</summary>
    private CmdletHost.Result AsUser(string user, string script)
    {
        using var host = new CmdletHost(Temp.Path);
        return host.Run(
            "$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey; " +
            script + "; $s | Remove-IsSshSession",
            new Dictionary<string, object>
            {
                ["port"] = sshd.Port, ["user"] = user, ["key"] = sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
                ["pack"] = StandInPack.Make(Temp.Combine("pack")), ["userHome"] = sshd.Home(user),
            });
    }
}
