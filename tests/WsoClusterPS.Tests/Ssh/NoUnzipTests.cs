using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>New-IsClusterNode over SSH to a machine without unzip: the pack is streamed into tar there.</summary>
[Collection(NonRootSshCollection.Name)]
public class NoUnzipTests(NonRootSshServer sshd) : InTempFolder
{
    private string UserHome => sshd.Home(NonRootSshServer.BareUser);

    [NeedsNonRootSshFact]
    public void A_pack_is_streamed_into_tar_with_its_modes_and_belongs_to_the_user()
    {
        var result = AsBareUser("New-IsClusterNode $pack \"$userHome/node one\" -Session $s -ClusterHost 10.0.0.5");

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
        var result = AsBareUser("New-IsClusterNode -RemotePackPath $pack -Path \"$userHome/node two\" -Session $s");

        var error = Assert.Single(result.Errors);
        Assert.Contains("unzip is not installed", error.Exception.Message);
        Assert.Contains("-PackPath, which is streamed without it", error.Exception.Message);
        Assert.False(Directory.Exists(Path.Combine(UserHome, "node two")));
    }

    /// <summary>Runs a script with $s, a session of the user without unzip, $pack, a stand-in pack, and $userHome.</summary>
    private CmdletHost.Result AsBareUser(string script)
    {
        using var host = new CmdletHost(Temp.Path);
        return host.Run(
            "$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey; " +
            script + "; $s | Remove-IsSshSession",
            new Dictionary<string, object>
            {
                ["port"] = sshd.Port, ["user"] = NonRootSshServer.BareUser, ["key"] = sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
                ["pack"] = StandInPack.Make(Temp.Combine("pack")), ["userHome"] = UserHome,
            });
    }
}
