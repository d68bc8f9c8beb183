using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>
/// Set-IsKeystore in its three input forms, with the JDK's keytool as the oracle for what it
/// wrote; the refusals that keep data readable; and no key material anywhere it should not be.
/// </summary>
public class KeystoreTests : InTempFolder
{
    private const string StorePassword = "Cluster-Ks-Pa55";
    private const string PfxPassword = "Pfx-Pa55";
    private static readonly string[] Nodes = ["manager", "worker"];
    private readonly CmdletHost _host;

    public KeystoreTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        _host.Run("$nodes = $nodes | Set-IsClustering -Hostname wso2.is -PassThru");
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private string Security(string node, string file) => Temp.Combine(node, "repository", "resources", "security", file);
    private string Toml(string node) => File.ReadAllText(Temp.Combine(node, "repository", "conf", "deployment.toml"));

    private Dictionary<string, object> Variables()
    {
        var certificate = new TestCertificate(Temp.Path, "wso2.is");
        var pfx = Temp.Combine("wso2.is.pfx");
        File.WriteAllBytes(pfx, certificate.Certificate.Export(X509ContentType.Pfx, PfxPassword));
        return new()
        {
            ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", StorePassword).SecurePassword),
            ["pfxPassword"] = new PSCredential("pfx", new System.Net.NetworkCredential("", PfxPassword).SecurePassword),
            ["pfx"] = pfx, ["certificate"] = certificate.Certificate,
        };
    }

    private static string Keytool(string path, string password) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) + "\n" + JavaOracle.List(path, password);

    public static TheoryData<string, string> Forms => new()
    {
        { "-PfxPath $pfx -PfxPassword $pfxPassword", "PKCS12" }, { "-PfxPath $pfx -PfxPassword $pfxPassword", "JKS" },
        { "-Certificate $certificate", "PKCS12" }, { "-Certificate $certificate", "JKS" },
        { "-New", "PKCS12" }, { "-New", "JKS" },
    };

    [NeedsTheory("keytool")]
    [MemberData(nameof(Forms))]
    public void Every_node_gets_the_same_keystore_trusted_and_named_as_keytool_reads_it(string form, string type)
    {
        var variables = Variables();
        var result = _host.Run($"$nodes | Set-IsKeystore {form} -NewKeystoreCredential $ks -StoreType {type} -Tls -PassThru", variables);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("run with their old keys until they restart"));
        var file = type == "JKS" ? "cluster-keystore.jks" : "cluster-keystore.p12";
        var expected = form == "-New" ? null : ((X509Certificate2)variables["certificate"]).GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        // keytool starts a JVM each time: the worker's store is read, the manager's must be the same bytes.
        var listed = JavaOracle.List(Security("worker", file), StorePassword);
        Assert.Contains($"Keystore type: {type}", listed);
        Assert.Contains("Alias name: wso2carbon", listed);
        Assert.Contains("Entry type: PrivateKeyEntry", listed);
        var fingerprint = JavaOracle.FingerprintIn(listed);
        if (expected != null) Assert.Equal(expected, fingerprint.Replace(":", ""));
        else
        {
            Assert.Contains("Owner: CN=wso2.is", listed);
            Assert.Contains("Subject Public Key Algorithm: 3072-bit RSA key", listed);
            Assert.Contains("DNSName: wso2.is", listed);
        }
        Assert.Equal(File.ReadAllBytes(Security("manager", file)), File.ReadAllBytes(Security("worker", file)));
        foreach (var node in Nodes)
        {
            Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(Security(node, file)));
            Assert.Equal(fingerprint, JavaOracle.FingerprintIn(JavaOracle.List(Security(node, "client-truststore.p12"), "wso2carbon")));
            Assert.Contains($"[keystore.primary]\nfile_name = \"{file}\"\npassword = \"{StorePassword}\"\ntype=\"{type}\"\nalias = \"wso2carbon\"\n" +
                $"key_password = \"{StorePassword}\"\n", Toml(node));
            Assert.Contains($"[keystore.tls]\nfile_name = \"{file}\"\ntype = \"{type}\"\nalias = \"wso2carbon\"\npassword = \"{StorePassword}\"\n",
                Toml(node));
        }

        var written = File.ReadAllBytes(Security("worker", file));
        var again = _host.Run($"$nodes | Set-IsKeystore {form} -NewKeystoreCredential $ks -StoreType {type} -Tls -PassThru", variables);
        Assert.Empty(again.Errors);
        Assert.Equal([false, false], again.Output.Select(o => (bool)o.Properties["Changed"].Value));
        Assert.Equal(written, File.ReadAllBytes(Security("worker", file)));
        var checks = _host.Run("$nodes | Test-IsCluster").Objects<IsClusterCheck>().ToList();
        Assert.All(checks.Where(c => c.Check is IsClusterCheckName.Keystores or IsClusterCheckName.Configuration),
            c => Assert.Equal(IsClusterCheckOutcome.Passed, c.Outcome));
        Assert.Equal(IsClusterCheckOutcome.Passed, checks.Single(c => c.Check == IsClusterCheckName.StockKeystore).Outcome);
    }

    [NeedsFact("keytool")]
    public void Without_StoreType_the_keystore_keeps_the_type_the_nodes_primary_keystore_has()
    {
        foreach (var node in Nodes)
        {
            File.Copy(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "wso2carbon.jks"), Security(node, "wso2carbon.jks"));
            var toml = Temp.Combine(node, "repository", "conf", "deployment.toml");
            File.WriteAllText(toml, File.ReadAllText(toml).Replace("file_name = \"wso2carbon.p12\"\npassword = \"wso2carbon\"\ntype=\"PKCS12\"",
                "file_name = \"wso2carbon.jks\"\npassword = \"wso2carbon\""));
        }
        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", Variables()).Errors);
        Assert.Contains("Keystore type: JKS", JavaOracle.List(Security("worker", "cluster-keystore.jks"), StorePassword));
        Assert.Contains("[keystore.primary]\nfile_name = \"cluster-keystore.jks\"", Toml("worker"));
    }

    [NeedsFact("keytool")]
    public void The_truststore_keeps_every_certificate_it_trusted_as_Java_reads_them()
    {
        var ca = Temp.Combine("ca.p12");
        JavaOracle.MakeKeystore(ca, "PKCS12", "ca-Pa55", alias: "partner_ca", subject: "CN=Partner CA");
        var truststore = Security("worker", "client-truststore.p12");
        JavaOracle.Trust(truststore, "wso2carbon", "partner_ca", ca, "ca-Pa55");
        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", Variables()).Errors);
        var listed = JavaOracle.List(truststore, "wso2carbon");
        Assert.Contains("Your keystore contains 2 entries", listed);
        Assert.Equal(2, listed.Split("Entry type: trustedCertEntry").Length - 1);
        Assert.Contains("Alias name: partner_ca", listed);
    }

    [NeedsFact("keytool")]
    public void A_node_added_later_gets_the_clusters_key_and_a_new_key_needs_Force()
    {
        var variables = Variables();
        Assert.Empty(_host.Run("$nodes[0] | Set-IsKeystore -New -NewKeystoreCredential $ks", variables).Errors);
        var key = JavaOracle.Fingerprint(Security("manager", "cluster-keystore.p12"), StorePassword);
        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", variables).Errors);
        Assert.Equal(key, JavaOracle.Fingerprint(Security("worker", "cluster-keystore.p12"), StorePassword));
        Assert.Equal(File.ReadAllBytes(Security("manager", "cluster-keystore.p12")), File.ReadAllBytes(Security("worker", "cluster-keystore.p12")));

        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks -Force", variables).Errors);
        Assert.NotEqual(key, JavaOracle.Fingerprint(Security("worker", "cluster-keystore.p12"), StorePassword));
    }

    [NeedsFact("keytool")]
    public void On_a_database_with_data_the_internal_keystore_and_the_encryption_key_are_kept_unless_forced()
    {
        var variables = Variables();
        Directory.CreateDirectory(Temp.Combine("worker", "repository", "database"));
        File.WriteAllText(Temp.Combine("worker", "repository", "database", "WSO2IDENTITY_DB.mv.db"), "h2");
        var before = Nodes.Select(Toml).ToList();

        var refused = _host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", variables);
        var error = Assert.Single(refused.Errors);
        Assert.Contains("the database already holds data (node 'worker' keeps [database.identity_db] in the embedded H2", error.Exception.Message);
        Assert.Contains("Give -KeepInternalKeystore to keep it", error.Exception.Message);
        Assert.Equal(before, Nodes.Select(Toml));
        Assert.False(File.Exists(Security("manager", "cluster-keystore.p12")));

        var key = Assert.Single(_host.Run("$nodes | Set-IsKeystore -EncryptionKey", variables).Errors);
        Assert.Contains("what was encrypted with the old key can no longer be read", key.Exception.Message);
        Assert.Equal(before, Nodes.Select(Toml));

        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks -KeepInternalKeystore", variables).Errors);
        Assert.Contains("[keystore.internal]\nfile_name = \"wso2carbon.p12\"\ntype = \"PKCS12\"\nalias = \"wso2carbon\"\npassword = \"wso2carbon\"\n",
            Toml("worker"));
        Assert.Contains("[keystore.primary]\nfile_name = \"cluster-keystore.p12\"", Toml("worker"));

        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -EncryptionKey -Force", variables).Errors);
        Assert.Matches("\\[encryption\\]\nkey = \"[0-9a-f]{64}\"\n", Toml("manager"));
    }

    [NeedsFact("javac")]
    public void With_Secure_Vault_the_passwords_are_sealed_and_the_vaults_keystore_is_kept()
    {
        var variables = Variables();
        variables["secret"] = new System.Net.NetworkCredential("", "admin-Pa55").SecurePassword;
        variables["vault"] = new PSCredential("keystore", new System.Net.NetworkCredential("", "wso2carbon").SecurePassword);
        Assert.Empty(_host.Run("$nodes | Protect-IsSecret -Alias admin_password -Secret $secret -KeystoreCredential $vault", variables).Errors);

        var refused = Assert.Single(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", variables).Errors);
        Assert.Contains("uses Secure Vault, whose secrets are sealed with it", refused.Exception.Message);

        var sealedRun = _host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks -KeepInternalKeystore -EncryptionKey " +
            "-KeystoreCredential $vault", variables);
        Assert.Empty(sealedRun.Errors);
        foreach (var node in Nodes)
        {
            var toml = Toml(node);
            Assert.Contains("[keystore.primary]\nfile_name = \"cluster-keystore.p12\"\npassword = \"$secret{primary_password}\"", toml);
            Assert.Contains("[encryption]\nkey = \"$secret{encryption_key}\"", toml);
            var opened = JavaOracle.Decrypt(Security(node, "wso2carbon.p12"), "PKCS12", "wso2carbon",
                Temp.Combine(node, "repository", "conf", "deployment.toml"));
            Assert.Equal(StorePassword, opened["primary_password"]);
            Assert.Matches("\\A[0-9a-f]{64}\\z", opened["encryption_key"]);
            Assert.Equal("admin-Pa55", opened["admin_password"]);
        }
    }

    [NeedsFact("keytool")]
    public void No_key_material_or_password_reaches_a_stream_a_diff_an_error_or_a_stray_file()
    {
        var variables = Variables();
        var all = new List<CmdletHost.Result>
        {
            _host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks -EncryptionKey -Tls -WhatIf -Verbose", variables),
            _host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks -EncryptionKey -Tls -Verbose -Backup", variables),
            _host.Run("$nodes | Set-IsKeystore -PfxPath $pfx -PfxPassword $ks -NewKeystoreCredential $ks -Verbose", variables),
            _host.Run("$nodes | Test-IsCluster -Verbose; $nodes | Compare-IsClusterNode | Out-String", variables),
        };
        Assert.Contains(all[2].Errors, e => e.Exception.Message.Contains("cannot be read as a PFX (PKCS#12) with the password given"));
        var encryptionKey = System.Text.RegularExpressions.Regex.Match(Toml("manager"), "key = \"([0-9a-f]{64})\"").Groups[1].Value;
        Assert.NotEmpty(encryptionKey);
        var shown = string.Join("\n", all.SelectMany(r => r.Output.Select(o => o.ToString()).Concat(r.Verbose).Concat(r.Warnings)
            .Concat(r.Console).Concat(r.Errors.Select(e => e + " " + e.Exception))));
        foreach (var secret in new[] { StorePassword, PfxPassword, encryptionKey, "PRIVATE KEY" }) Assert.DoesNotContain(secret, shown);
        Assert.Contains("********", shown);

        var files = Directory.GetFiles(Temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("deployment.toml") && !f.Contains("cluster-keystore") && !f.EndsWith(".pfx") && !f.EndsWith(".key"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(StorePassword, text);
            Assert.DoesNotContain(encryptionKey, text);
        }
        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(Temp.Combine("manager", "repository", "conf", "deployment.toml")));
    }
}
