using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>
/// Nodes that must agree: each drift an admin of a running cluster meets fails Test-IsCluster and
/// is named by Compare-IsClusterNode (node, item, key), and an equal cluster passes, its per-node
/// keys never counted.
/// </summary>
public class AgreementTests : InTempFolder
{
    private readonly CmdletHost _host;

    public AgreementTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private string Worker(params string[] below) => Temp.Combine(["worker", .. below]);
    private string Manager(params string[] below) => Temp.Combine(["manager", .. below]);

    private List<IsClusterCheck> Checks(string options = "") => _host.Run("$nodes | Test-IsCluster " + options).Objects<IsClusterCheck>().ToList();

    private List<IsNodeDifference> Differences(string options = "")
    {
        var result = _host.Run("$nodes | Compare-IsClusterNode " + options);
        Assert.Empty(result.Errors);
        return result.Objects<IsNodeDifference>().ToList();
    }

    [Fact]
    public void An_equal_cluster_passes_every_agreement_check_and_its_per_node_keys_never_count()
    {
        Assert.NotEqual(File.ReadAllText(Manager("repository", "conf", "deployment.toml")),
            File.ReadAllText(Worker("repository", "conf", "deployment.toml")));
        var checks = Checks();
        foreach (var name in new[] { IsClusterCheckName.Configuration, IsClusterCheckName.Keystores, IsClusterCheckName.EncryptionKey,
                     IsClusterCheckName.SecureVault, IsClusterCheckName.JdbcDrivers, IsClusterCheckName.ProductVersion, IsClusterCheckName.UserStores })
        {
            var check = Assert.Single(checks, c => c.Check == name);
            Assert.Equal(IsClusterCheckOutcome.Passed, check.Outcome);
            Assert.Equal("(cluster)", check.Target);
        }
        Assert.Contains("[server] offset, [server] node_ip, [clustering] local_member_host, [clustering] local_member_port",
            checks.Single(c => c.Check == IsClusterCheckName.Configuration).Reason);
        Assert.Empty(Differences());
    }

    public static TheoryData<string> Drifts => ["setting", "keystore", "driver", "update level", "user store", "encryption key", "vault"];

    [Theory]
    [MemberData(nameof(Drifts))]
    public void Each_drift_fails_its_check_naming_the_node_the_item_and_the_value(string drift)
    {
        var (check, item, key, value) = Drift(drift);

        var failed = Assert.Single(Checks(), c => c.Check == check && !c.Passed);
        Assert.Equal("worker", failed.Target);
        Assert.Contains($"{item}: {key} is {value}", failed.Reason);

        var difference = Assert.Single(Differences(), d => d.Check == check);
        Assert.Equal("worker", difference.Node.Name);
        Assert.Equal((item, key, value), (difference.Item, difference.Key, difference.Value));
        Assert.False(_host.Run("$nodes | Test-IsCluster -Quiet").Objects<bool>().Single());
    }

    private (IsClusterCheckName, string, string, string) Drift(string drift)
    {
        switch (drift)
        {
            case "setting":
                File.AppendAllText(Worker("repository", "conf", "deployment.toml"), "\n[tenant_mgt]\nenable_email_domain = true\n");
                return (IsClusterCheckName.Configuration, "deployment.toml", "[tenant_mgt] enable_email_domain", "true");
            case "keystore":
                JavaOracle.MakeKeystore(Worker("repository", "resources", "security", "wso2carbon.p12"), "PKCS12", "wso2carbon");
                var fingerprint = JavaOracle.Fingerprint(Worker("repository", "resources", "security", "wso2carbon.p12"), "wso2carbon");
                return (IsClusterCheckName.Keystores, "[keystore.primary] ${carbon.home}/repository/resources/security/wso2carbon.p12",
                    "wso2carbon", fingerprint);
            case "driver":
                File.WriteAllText(Manager("repository", "components", "lib", "mysql-connector-j.jar"), "driver 8.4");
                File.WriteAllText(Worker("repository", "components", "lib", "mysql-connector-j.jar"), "driver 8.0");
                return (IsClusterCheckName.JdbcDrivers, "repository/components/lib", "mysql-connector-j.jar",
                    "SHA-256 " + Sha256("driver 8.0"));
            case "update level":
                Directory.CreateDirectory(Worker("updates"));
                File.WriteAllText(Worker("updates", "config.json"), "{\"update-level\": 42}");
                return (IsClusterCheckName.ProductVersion, "updates", "config.json", "SHA-256 " + Sha256("{\"update-level\": 42}"));
            case "user store":
                Directory.CreateDirectory(Worker("repository", "deployment", "server", "userstores"));
                File.WriteAllText(Worker("repository", "deployment", "server", "userstores", "ldap.xml"), "<UserStoreManager/>");
                return (IsClusterCheckName.UserStores, "repository/deployment/server/userstores", "ldap.xml",
                    "SHA-256 " + Sha256("<UserStoreManager/>"));
            case "encryption key":
                File.AppendAllText(Worker("repository", "conf", "deployment.toml"), "\n[encryption]\nkey = \"3f1c2a7d9e5b41c8a6d2e0f1b3c5a7d9\"\n");
                return (IsClusterCheckName.EncryptionKey, "deployment.toml", "[encryption] key", "********");
            default:
                File.AppendAllText(Worker("repository", "conf", "security", "secret-conf.properties"),
                    $"keystore.identity.location={Worker("repository", "resources", "security", "other.p12")}\n");
                return (IsClusterCheckName.SecureVault, "repository/conf/security/secret-conf.properties", "keystore.identity.location",
                    "${carbon.home}/repository/resources/security/other.p12");
        }
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_secret_that_differs_is_named_and_never_shown()
    {
        var toml = Worker("repository", "conf", "deployment.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("password = \"wso2carbon\"\n\n[database.shared_db]",
            "password = \"Drift-Pa55\"\n\n[database.shared_db]"));
        var difference = Assert.Single(Differences());
        Assert.Equal(("[database.identity_db] password", "********", "********"), (difference.Key, difference.Value, difference.Expected));
        var all = _host.Run("$nodes | Test-IsCluster -Verbose; $nodes | Compare-IsClusterNode | Format-List * | Out-String");
        Assert.DoesNotContain("Drift-Pa55", string.Join("\n", all.Output.Select(o => o.ToString()).Concat(all.Warnings).Concat(all.Verbose)
            .Concat(all.Objects<IsClusterCheck>().Select(c => c.Reason))));
    }

    [Fact]
    public void A_key_kept_apart_on_purpose_is_excluded_by_key_or_item()
    {
        File.AppendAllText(Worker("repository", "conf", "deployment.toml"), "\n[transport.https.properties]\nproxyPort = 8443\n");
        File.WriteAllText(Worker("repository", "components", "lib", "custom-audit.jar"), "audit");
        Assert.Equal(2, Differences().Count);
        Assert.Empty(Differences("-Exclude '[[]transport.https.properties] proxyPort', 'custom-*.jar'"));
        Assert.Empty(Differences("-Exclude '[[]transport.https.properties]*', 'repository/components/lib'"));
        var checks = Checks("-Exclude '[[]transport.https.properties] proxyPort', 'custom-*.jar'");
        Assert.All(checks.Where(c => c.Check is IsClusterCheckName.Configuration or IsClusterCheckName.JdbcDrivers), c => Assert.True(c.Passed));
    }

    [Fact]
    public void One_node_alone_is_a_warning_not_a_pass_since_there_is_nothing_to_compare()
    {
        var alone = _host.Run("$nodes[0] | Test-IsCluster").Objects<IsClusterCheck>().Single(c => c.Check == IsClusterCheckName.Configuration);
        Assert.Equal(IsClusterCheckOutcome.Warning, alone.Outcome);
        Assert.Contains("only one node", alone.Reason);
    }

    [Fact]
    public void A_keystore_whose_password_is_sealed_is_still_compared_a_jks_by_certificate_a_pkcs12_by_its_bytes()
    {
        foreach (var node in new[] { "manager", "worker" })
        {
            var toml = Temp.Combine(node, "repository", "conf", "deployment.toml");
            File.WriteAllText(toml, File.ReadAllText(toml)
                .Replace("file_name = \"wso2carbon.p12\"\npassword = \"wso2carbon\"\ntype=\"PKCS12\"",
                    "file_name = \"wso2carbon.jks\"\npassword = \"$secret{keystore_password}\"\ntype=\"JKS\"")
                .Replace("file_name=\"client-truststore.p12\"\npassword=\"wso2carbon\"",
                    "file_name=\"client-truststore.p12\"\npassword=\"$secret{truststore_password}\""));
            File.Copy(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "wso2carbon.jks"),
                Temp.Combine(node, "repository", "resources", "security", "wso2carbon.jks"));
        }
        Assert.Empty(Differences());
        JavaOracle.MakeKeystore(Worker("repository", "resources", "security", "wso2carbon.jks"), "JKS", "other-Pa55");
        Assert.Equal("wso2carbon", Assert.Single(Differences(), d => d.Check == IsClusterCheckName.Keystores).Key);

        File.WriteAllBytes(Worker("repository", "resources", "security", "client-truststore.p12"), [1, 2, 3]);
        var truststore = Assert.Single(Differences(), d => d.Item.StartsWith("[truststore]"));
        Assert.Equal(("(file, sealed password)", "SHA-256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([1, 2, 3]))),
            (truststore.Key, truststore.Value));
    }
}
