using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>The agreement checks over SSH: files read and jars hashed where they are, the same answers as locally.</summary>
[Collection(SshCollection.Name)]
public class AgreementOverSshTests : InSshShell
{
    private readonly SshServer _sshd;

    public AgreementOverSshTests(SshServer sshd) => _sshd = sshd;

    [NeedsSshFact]
    public void Drift_on_a_remote_node_is_named_and_an_equal_pair_passes()
    {
        var remote = Temp.Combine("remote nodes");
        var variables = new Dictionary<string, object>
        {
            ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
            ["user"] = Environment.UserName, ["remote"] = remote, ["pack"] = StandInPack.Make(Temp.Combine("pack")),
        };
        var made = Shell.Run("$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known " +
            "-AcceptNewHostKey; $nodes = @(New-IsClusterNode -Session $s $pack ($remote + '/a') -ClusterHost 127.0.0.1; " +
            "New-IsClusterNode -Session $s $pack ($remote + '/b') -Offset 1 -ClusterHost 127.0.0.1) | Set-IsClustering -PassThru", variables);
        Assert.Empty(made.Errors);
        foreach (var node in new[] { "a", "b" })
            File.WriteAllText(Path.Combine(remote, node, "repository", "components", "lib", "mariadb-java-client.jar"), "3.5.1");

        var equal = Shell.Run("$nodes | Test-IsCluster").Objects<IsClusterCheck>().ToList();
        Assert.All(equal.Where(c => c.Check is IsClusterCheckName.Configuration or IsClusterCheckName.Keystores or IsClusterCheckName.JdbcDrivers),
            c => Assert.Equal(IsClusterCheckOutcome.Passed, c.Outcome));
        Assert.Contains("all 2 nodes hold the same 1 jars", equal.Single(c => c.Check == IsClusterCheckName.JdbcDrivers).Reason);

        File.WriteAllText(Path.Combine(remote, "b", "repository", "components", "lib", "mariadb-java-client.jar"), "3.4.0");
        JavaOracle.MakeKeystore(Path.Combine(remote, "b", "repository", "resources", "security", "wso2carbon.p12"), "PKCS12", "wso2carbon");
        var differences = Shell.Run("$nodes | Compare-IsClusterNode").Objects<IsNodeDifference>().ToList();
        Assert.Equal([(IsClusterCheckName.Keystores, "wso2carbon"), (IsClusterCheckName.JdbcDrivers, "mariadb-java-client.jar")],
            differences.Select(d => (d.Check, d.Key)));
        Assert.All(differences, d => Assert.Equal("b", d.Node.Name));
        Assert.Equal("SHA-256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("3.4.0"u8.ToArray())),
            differences[1].Value);

        // Jars too big to read over SFTP are hashed on the host, by sha256sum: the same answer.
        var big = new byte[9 * 1024 * 1024];
        new Random(9).NextBytes(big);
        foreach (var node in new[] { "a", "b" }) File.WriteAllBytes(Path.Combine(remote, node, "repository", "components", "lib", "big.jar"), big);
        big[0] ^= 1;
        File.WriteAllBytes(Path.Combine(remote, "b", "repository", "components", "lib", "big.jar"), big);
        var hashed = Shell.Run("$nodes | Compare-IsClusterNode").Objects<IsNodeDifference>().Single(d => d.Key == "big.jar");
        Assert.Equal("SHA-256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big)), hashed.Value);
    }
}
