using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Plans;

/// <summary>A spec's Keystore section: the cluster's keys planned and applied as Set-IsKeystore would, new nodes included.</summary>
public class KeystoreSpecTests : InTempFolder
{
    private readonly CmdletHost _shell;

    public KeystoreSpecTests()
    {
        _shell = new CmdletHost(Temp.Path);
        StandInPack.Make(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _shell.Dispose();
        base.Dispose();
    }

    private static string Spec(string keystore) =>
        "@{ Pack = './pack/wso2is-7.1.0.zip'; Hostname = 'wso2.is'; Nodes = @(@{ Name = 'a'; Path = './a'; ClusterPort = 4001; State = 'Stopped' }, " +
        "@{ Name = 'b'; Path = './b'; ClusterPort = 4002; Offset = 1; State = 'Stopped' }); Keystore = @{ " + keystore + " } }";

    private readonly Dictionary<string, object> _credentials = new()
    {
        ["credentials"] = new System.Collections.Hashtable
        {
            ["cluster-keystore"] = new PSCredential("keystore", new System.Net.NetworkCredential("", "Spec-Ks-Pa55").SecurePassword),
        },
    };

    private List<string> Plan(string keystore) =>
        _shell.Run($"Get-IsClusterPlan {Spec(keystore)} -Credential $credentials | ForEach-Object {{ \"$($_.Action) $($_.Target)\" }}",
            _credentials).Objects<string>().ToList();

    private string Keystore(string node) => Temp.Combine(node, "repository", "resources", "security", "cluster-keystore.p12");

    [NeedsFact("keytool")]
    public void New_nodes_get_the_clusters_keystore_and_an_applied_spec_plans_nothing_more()
    {
        const string NewKey = "New = $true; Credential = 'cluster-keystore'; Tls = $true";
        Assert.Contains("Update the cluster's keys", Plan(NewKey));
        var applied = _shell.Run($"Invoke-IsClusterPlan -Spec {Spec(NewKey)} -Credential $credentials", _credentials);
        Assert.Empty(applied.Errors);
        Assert.Equal(File.ReadAllBytes(Keystore("a")), File.ReadAllBytes(Keystore("b")));
        Assert.Contains("Owner: CN=wso2.is", JavaOracle.List(Keystore("b"), "Spec-Ks-Pa55"));
        Assert.Empty(Plan(NewKey));

        const string WithKey = NewKey + "; EncryptionKey = $true";
        var toml = Temp.Combine("a", "repository", "conf", "deployment.toml");
        Assert.Equal([$"Update {toml}", $"Update {Temp.Combine("b", "repository", "conf", "deployment.toml")}"], Plan(WithKey));
        Assert.Empty(_shell.Run($"Invoke-IsClusterPlan -Spec {Spec(WithKey)} -Credential $credentials", _credentials).Errors);
        Assert.Matches("\\[encryption\\]\nkey = \"[0-9a-f]{64}\"", File.ReadAllText(toml));
        Assert.Empty(Plan(WithKey));
    }

    [NeedsFact("keytool")]
    public void Running_nodes_whose_keys_change_are_restarted_by_the_plan()
    {
        const string NewKey = "New = $true; Credential = 'cluster-keystore'";
        var offsets = new[] { FreePorts.IsOffset(), FreePorts.IsOffset() };
        var spec = Spec(NewKey).Replace("Offset = 1; ", "").Replace("ClusterPort = 4001; State = 'Stopped'", $"ClusterPort = 4001; Offset = {offsets[0]}")
            .Replace("ClusterPort = 4002; State = 'Stopped'", $"ClusterPort = 4002; Offset = {offsets[1]}");
        Assert.Empty(_shell.Run("Invoke-IsClusterPlan -Spec " + Spec("EncryptionKey = $true").Replace("Offset = 1; ", $"Offset = {offsets[1]}; ")
            .Replace("ClusterPort = 4001;", $"ClusterPort = 4001; Offset = {offsets[0]};")).Errors);
        try
        {
            Assert.Empty(_shell.Run("$nodes = Get-IsClusterNode ./a, ./b; $nodes | Start-IsNode -Wait -TimeoutSeconds 60").Errors);
            var plan = _shell.Run($"Get-IsClusterPlan {spec} -Credential $credentials | ForEach-Object {{ \"$($_.Action) $($_.Node)\" }}",
                _credentials).Objects<string>().ToList();
            Assert.Contains("Restart a", plan);
            Assert.Contains("Restart b", plan);
            Assert.True(plan.IndexOf("Restart a") > plan.IndexOf($"Create a"), string.Join("\n", plan));
        }
        finally
        {
            _shell.Run("$nodes | Stop-IsNode -Wait -TimeoutSeconds 60");
        }
    }

    [Fact]
    public void A_keystore_section_that_asks_for_two_keys_or_none_is_refused_by_name()
    {
        foreach (var (keystore, said) in new[]
                 {
                     ("New = $true; PfxPath = './x.pfx'; PfxCredential = 'p'; Credential = 'k'", "both New and PfxPath"),
                     ("New = $true", "Keystore has no Credential"),
                     ("Tls = $true", "Keystore asks for nothing"),
                     ("New = $true; Credential = 'k'; Colour = 'blue'", "Colour"),
                 })
        {
            var error = Assert.Single(_shell.Run($"Get-IsClusterPlan {Spec(keystore)}").Errors);
            Assert.StartsWith("GetIsClusterPlanInvalidSpec", error.FullyQualifiedErrorId);
            Assert.Contains(said, error.Exception.Message);
        }
    }
}
