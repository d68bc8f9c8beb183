using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>Set-IsKeystore over SSH: the same bytes written on the remote nodes, read back by keytool.</summary>
[Collection(SshCollection.Name)]
public class KeystoreOverSshTests : InSshShell
{
    private readonly SshServer _sshd;

    public KeystoreOverSshTests(SshServer sshd) => _sshd = sshd;

    [NeedsSshTheory]
    [InlineData("-New", "JKS", "cluster-keystore.jks")]
    [InlineData("-PfxPath $pfx -PfxPassword $pfxPassword", "PKCS12", "cluster-keystore.p12")]
    [InlineData("-Certificate $certificate", "PKCS12", "cluster-keystore.p12")]
    public void The_key_reaches_every_remote_node_in_each_form_as_keytool_reads_it(string form, string type, string file)
    {
        var certificate = new TestCertificate(Temp.Path, "is.example.org");
        File.WriteAllBytes(Temp.Combine("is.pfx"), certificate.Certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx,
            "Pfx-Pa55"));
        var remote = Temp.Combine("remote nodes");
        var variables = new Dictionary<string, object>
        {
            ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
            ["user"] = Environment.UserName, ["remote"] = remote, ["pack"] = StandInPack.Make(Temp.Combine("pack")),
            ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", "Remote-Ks-Pa55").SecurePassword),
            ["pfx"] = Temp.Combine("is.pfx"), ["certificate"] = certificate.Certificate,
            ["pfxPassword"] = new System.Net.NetworkCredential("", "Pfx-Pa55").SecurePassword,
        };
        var made = Shell.Run("$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known " +
            "-AcceptNewHostKey; $nodes = @(New-IsClusterNode -Session $s $pack ($remote + '/a') -ClusterHost 127.0.0.1; " +
            "New-IsClusterNode -Session $s $pack ($remote + '/b') -Offset 1 -ClusterHost 127.0.0.1) | Set-IsClustering -Hostname is.example.org -PassThru",
            variables);
        Assert.Empty(made.Errors);

        var whatIf = Shell.Run($"$nodes | Set-IsKeystore {form} -StoreType {type} -NewKeystoreCredential $ks -EncryptionKey -Tls -WhatIf", variables);
        Assert.Empty(whatIf.Errors);
        var said = string.Join("\n", whatIf.Console.Concat(whatIf.Verbose));
        Assert.Contains($"{file} on 127.0.0.1", said);
        Assert.Contains("client-truststore.p12 on 127.0.0.1", said);
        Assert.DoesNotContain("Remote-Ks-Pa55", said);
        var set = Shell.Run($"$nodes | Set-IsKeystore {form} -StoreType {type} -NewKeystoreCredential $ks -EncryptionKey -Tls", variables);
        Assert.Empty(set.Errors);
        string Store(string node) => Path.Combine(remote, node, "repository", "resources", "security", file);
        Assert.Equal(File.ReadAllBytes(Store("a")), File.ReadAllBytes(Store("b")));
        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(Store("b")));
        var listed = JavaOracle.List(Store("b"), "Remote-Ks-Pa55");
        Assert.Contains($"Keystore type: {type}", listed);
        Assert.Contains("Owner: CN=is.example.org", listed);
        var fingerprint = JavaOracle.FingerprintIn(listed);
        if (form != "-New")
            Assert.Equal(certificate.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), fingerprint.Replace(":", ""));
        Assert.Equal(fingerprint, JavaOracle.FingerprintIn(JavaOracle.List(
            Path.Combine(remote, "b", "repository", "resources", "security", "client-truststore.p12"), "wso2carbon")));

        Assert.Empty(Shell.Run("$nodes | Compare-IsClusterNode").Output);
    }
}
