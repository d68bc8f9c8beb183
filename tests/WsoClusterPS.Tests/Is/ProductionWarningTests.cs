using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>
/// WSO2's production guidelines as warnings: the stock keystore (told by its certificate), the
/// stock encryption key, a certificate near or past its end; failures with -Strict.
/// </summary>
public class ProductionWarningTests : InTempFolder
{
    private readonly CmdletHost _host;

    public ProductionWarningTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private static readonly string[] Nodes = ["manager", "worker"];
    private string Security(string node, string file) => Temp.Combine(node, "repository", "resources", "security", file);
    private string Toml(string node) => Temp.Combine(node, "repository", "conf", "deployment.toml");

    private List<IsClusterCheck> Checks(IsClusterCheckName name, string options = "") =>
        _host.Run("$nodes | Test-IsCluster " + options).Objects<IsClusterCheck>().Where(c => c.Check == name).ToList();

    [Fact]
    public void The_stand_in_packs_stock_keystore_and_key_are_warnings_and_failures_with_Strict()
    {
        var stock = Checks(IsClusterCheckName.StockKeystore);
        Assert.Equal(Nodes, stock.Select(c => c.Target));
        Assert.All(stock, c => Assert.Equal(IsClusterCheckOutcome.Warning, c.Outcome));
        Assert.Contains("[keystore.primary] ${carbon.home}/repository/resources/security/wso2carbon.p12: alias wso2carbon is WSO2's stock " +
                        "certificate (CN=localhost,O=WSO2,L=Mountain View,ST=CA,C=US)", stock[0].Reason);
        var key = Checks(IsClusterCheckName.StockEncryptionKey);
        Assert.Equal(Nodes, key.Select(c => c.Target));
        Assert.All(key, c => Assert.True(c.Passed));

        Assert.All(Checks(IsClusterCheckName.StockKeystore, "-Strict").Concat(Checks(IsClusterCheckName.StockEncryptionKey, "-Strict")),
            c => Assert.Equal(IsClusterCheckOutcome.Failed, c.Outcome));
    }

    [Fact]
    public void The_stock_keystore_is_told_by_its_certificate_not_its_file_name()
    {
        foreach (var node in Nodes)
        {
            File.Copy(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "wso2carbon.jks"), Security(node, "renamed.jks"));
            File.WriteAllText(Toml(node), File.ReadAllText(Toml(node)).Replace("file_name = \"wso2carbon.p12\"\npassword = \"wso2carbon\"\ntype=\"PKCS12\"",
                "file_name = \"renamed.jks\"\npassword = \"wso2carbon\"\ntype=\"JKS\""));
        }
        Assert.Equal(Nodes, Checks(IsClusterCheckName.StockKeystore).Select(c => c.Target));

        // A key of its own, even for CN=localhost, is not WSO2's.
        foreach (var node in Nodes) JavaOracle.MakeKeystore(Security(node, "renamed.jks"), "JKS", "wso2carbon", validityDays: 400);
        var own = Assert.Single(Checks(IsClusterCheckName.StockKeystore));
        Assert.Equal((IsClusterCheckOutcome.Passed, "(cluster)"), (own.Outcome, own.Target));
    }

    [SharedFixtureTheory]
    [InlineData("is-5.11.0.toml")]
    [InlineData("is-6.1.0.toml")]
    [InlineData("is-7.0.0.toml")]
    [InlineData("is-7.1.0.toml")]
    [InlineData("is-7.3.0.toml")]
    public void WSO2s_stock_files_are_recognised_as_stock_keystore_and_stock_encryption_key(string file)
    {
        var stockToml = File.ReadAllText(Path.Combine(Repo.SharedWso2, "deployment-toml", file));
        var parsed = TomlEditor.Parse(stockToml, file);
        Assert.True(StockKeys.IsStockEncryptionKey(parsed.Get(DeploymentKeys.EncryptionKey) as string,
            parsed.Get(DeploymentKeys.CryptoProvider) as string));
        foreach (var node in Nodes)
        {
            File.WriteAllText(Toml(node), stockToml);
            File.Copy(Path.Combine(Repo.Root, "tests", "tools", "standin-pack", "wso2carbon.jks"), Security(node, "wso2carbon.jks"));
        }
        Assert.Equal(Nodes, Checks(IsClusterCheckName.StockKeystore).Select(c => c.Target));
        Assert.Equal(Nodes, Checks(IsClusterCheckName.StockEncryptionKey).Select(c => c.Target));
    }

    [Fact]
    public void A_key_of_the_clusters_own_or_the_keystore_based_provider_is_no_stock_key()
    {
        foreach (var node in Nodes) File.AppendAllText(Toml(node), "\n[encryption]\nkey = \"$secret{encryption_key}\"\n");
        Assert.Equal(IsClusterCheckOutcome.Passed, Assert.Single(Checks(IsClusterCheckName.StockEncryptionKey)).Outcome);
        Assert.False(StockKeys.IsStockEncryptionKey(null, "org.wso2.carbon.crypto.provider.KeyStoreBasedInternalCryptoProvider"));
        Assert.True(StockKeys.IsStockEncryptionKey(null, "org.wso2.carbon.crypto.provider.SymmetricKeyInternalCryptoProvider"));
    }

    [Fact]
    public void A_certificate_near_its_end_or_past_it_is_a_warning_with_the_date()
    {
        foreach (var node in Nodes) JavaOracle.MakeKeystore(Security(node, "wso2carbon.p12"), "PKCS12", "wso2carbon", validityDays: 10);
        var soon = Checks(IsClusterCheckName.CertificateExpiry);
        Assert.Equal(Nodes, soon.Select(c => c.Target));
        Assert.Matches(@"\[keystore.primary\] \$\{carbon.home\}/repository/resources/security/wso2carbon.p12 alias wso2carbon expires on " +
                       @"\d{4}-\d\d-\d\d, in 1?\d days", soon[0].Reason);
        Assert.Equal(IsClusterCheckOutcome.Passed, Assert.Single(Checks(IsClusterCheckName.CertificateExpiry, "-CertificateWarningDays 5")).Outcome);

        foreach (var node in Nodes)
            JavaOracle.MakeKeystore(Security(node, "wso2carbon.p12"), "PKCS12", "wso2carbon", validityDays: 1, startDate: "-3d");
        Assert.Contains("alias wso2carbon expired on", Checks(IsClusterCheckName.CertificateExpiry, "-CertificateWarningDays 0")[0].Reason);
    }

    [Fact]
    public void The_balancers_certificate_is_checked_for_its_end_too()
    {
        var expired = new TestCertificate(Temp.Path, "127.0.0.1", expiredDaysAgo: 3);
        using var https = LoopbackServer.Https(expired.Certificate);
        var uri = $"https://127.0.0.1:{https.Port}/";
        var balancer = Assert.Single(Checks(IsClusterCheckName.CertificateExpiry, $"-LoadBalancerUri {uri} -SkipCertificateCheck"),
            c => c.Target == uri);
        Assert.Equal(IsClusterCheckOutcome.Warning, balancer.Outcome);
        Assert.Contains("the balancer's certificate (CN=127.0.0.1) expired on", balancer.Reason);
    }
}
