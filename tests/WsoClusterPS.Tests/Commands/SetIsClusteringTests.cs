using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

public class SetIsClusteringTests : InTempFolder
{
    private readonly CmdletHost _host;

    public SetIsClusteringTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private string Toml(string node) => File.ReadAllText(Temp.Combine(node, "repository", "conf", "deployment.toml"));

    [Fact]
    public void Every_node_gets_wka_clustering_listing_all_members_and_its_own_address()
    {
        var result = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -ProxyPort 443 -HttpProxyPort 80 -PassThru");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(["wso2.is", "wso2.is"], result.Objects<IsNode>().Select(n => n.Hostname));
        foreach (var (node, port) in new[] { ("manager", 4000), ("worker", 4001) })
        {
            var toml = Toml(node);
            Assert.Contains($"[clustering]\nmembership_scheme = \"wka\"\nlocal_member_host = \"10.0.0.4\"\nlocal_member_port = \"{port}\"\nmembers = [\"10.0.0.4:4000\", \"10.0.0.4:4001\"]\n", toml);
            Assert.Contains("[server]\nhostname = \"wso2.is\"\n", toml);
            Assert.Contains("[transport.https.properties]\nproxyPort = 443\n", toml);
            Assert.Contains("[transport.http.properties]\nproxyPort = 80\n", toml);
        }
    }

    [Fact]
    public void A_second_identical_run_rewrites_nothing_and_says_so()
    {
        _host.Run("$nodes | Set-IsClustering -Hostname wso2.is");
        var path = Temp.Combine("manager", "repository", "conf", "deployment.toml");
        var before = (File.ReadAllText(path), File.GetLastWriteTimeUtc(path));
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var again = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -Verbose");
        Assert.Equal(before.Item1, File.ReadAllText(path));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(path));
        Assert.Contains(again.Verbose, v => v == $"{path} on localhost: unchanged, not rewritten.");
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        var before = Toml("manager");
        var result = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -WhatIf");
        Assert.Empty(result.Errors);
        Assert.Equal(before, Toml("manager"));
    }

    [Fact]
    public void Two_nodes_on_one_host_with_one_cluster_port_stop_before_any_file_is_written()
    {
        var pack = StandInPack.Make(Temp.Combine("pack2"));
        _host.Run("$clash = New-IsClusterNode $pack ./clash -Offset 5 -ClusterHost 10.0.0.5 -ClusterPort 4000", new Dictionary<string, object> { ["pack"] = pack });
        var before = Toml("manager");

        var result = _host.Run("$nodes + $clash | Set-IsClustering -Hostname wso2.is -PassThru");
        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsClusteringClusterAddressClash,WsoClusterPS.Commands.SetIsClusteringCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(before, Toml("manager"));
    }

    [Fact]
    public void A_broken_file_is_reported_with_its_line_and_the_other_node_is_still_written()
    {
        var broken = Temp.Combine("worker", "repository", "conf", "deployment.toml");
        var text = File.ReadAllText(broken).Replace("node_ip = \"127.0.0.1\"", "node_ip = \"127.0.0.1");
        File.WriteAllText(broken, text);

        var result = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is");
        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsClusteringTomlParse", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.Equal("worker", ((IsNode)error.TargetObject).Name);
        Assert.Equal($"{broken} line 6, column ", error.Exception.Message[..($"{broken} line 6, column ".Length)]);
        Assert.Equal(text, File.ReadAllText(broken));
        Assert.Contains("[clustering]", Toml("manager"));
    }

    [Fact]
    public void Loopback_cluster_hosts_are_warned_about()
    {
        var pack = StandInPack.Make(Temp.Combine("pack3"));
        var result = _host.Run("New-IsClusterNode $pack ./local -ClusterHost 127.0.0.1 | Set-IsClustering",
                               new Dictionary<string, object> { ["pack"] = pack });
        Assert.Contains(result.Warnings, w => w.StartsWith("Node 'local' uses the loopback address 127.0.0.1"));
    }

    [Fact]
    public void A_malformed_member_is_refused_in_words_not_a_regular_expression()
    {
        var result = _host.Run("$nodes | Set-IsClustering -Members 10.0.0.1");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ParameterArgumentValidationError", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("'10.0.0.1' is not a member as host:port, such as 10.0.0.4:4000.", error.Exception.Message);
        Assert.DoesNotContain("\\d", error.Exception.Message);
    }

    [Fact]
    public void Members_can_be_given_instead_of_the_pipeline_nodes()
    {
        _host.Run("$nodes[0] | Set-IsClustering -Members 10.0.0.4:4000, 10.0.0.9:4000 -Domain wso2.is.domain -Backup");
        var toml = Toml("manager");
        Assert.Contains("domain = \"wso2.is.domain\"\n", toml);
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.9:4000\"]\n", toml);
        Assert.DoesNotContain("\n[clustering]", Toml("worker"));
        Assert.True(File.Exists(Temp.Combine("manager", "repository", "conf", "deployment.toml.bak")));
    }
}

public class ClusterMembershipTests : InTempFolder
{
    private readonly CmdletHost _host;

    public ClusterMembershipTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        _host.Run("$nodes | Set-IsClustering");
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private string Toml(string node) => File.ReadAllText(Temp.Combine(node, "repository", "conf", "deployment.toml"));

    [Fact]
    public void One_node_piped_in_keeps_the_members_its_file_lists_and_says_which()
    {
        var result = _host.Run("Get-IsClusterNode ./manager | Set-IsClustering -Domain wso2.is.domain");
        Assert.Empty(result.Errors);
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\"]", Toml("manager"));
        Assert.Contains("domain = \"wso2.is.domain\"", Toml("manager"));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("The members 10.0.0.4:4001 are listed in the nodes' files but were not given", warning);
    }

    [Fact]
    public void A_shrink_happens_only_when_asked_and_WhatIf_shows_it_first()
    {
        var shown = _host.Run("$nodes[0] | Set-IsClustering -ReplaceMembers -WhatIf");
        Assert.Contains(shown.Console, line => line.Contains("-members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\"]"));
        Assert.Contains(shown.Console, line => line.Contains("+members = [\"10.0.0.4:4000\"]"));
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\"]", Toml("manager"));

        var shrunk = _host.Run("$nodes[0] | Set-IsClustering -ReplaceMembers");
        Assert.Empty(shrunk.Errors);
        Assert.Empty(shrunk.Warnings);
        Assert.Contains("members = [\"10.0.0.4:4000\"]", Toml("manager"));
    }

    [Fact]
    public void A_new_node_joins_the_members_the_files_already_list()
    {
        var pack = StandInPack.Make(Temp.Combine("pack3"));
        var result = _host.Run("$third = New-IsClusterNode $pack ./third -Offset 2 -ClusterHost 10.0.0.6; Get-IsClusterNode ./worker | " +
            "ForEach-Object { $_; $third } | Set-IsClustering", new Dictionary<string, object> { ["pack"] = pack });
        Assert.Empty(result.Errors);
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\", \"10.0.0.6:4002\"]", Toml("third"));
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\", \"10.0.0.6:4002\"]", Toml("worker"));
        Assert.Contains("The members 10.0.0.4:4000 are listed", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Switching_from_kubernetes_to_wka_removes_the_kubernetes_properties_and_keeps_the_rest()
    {
        var path = Temp.Combine("manager", "repository", "conf", "deployment.toml");
        var clustered = File.ReadAllText(path);
        File.WriteAllText(path, clustered.Replace("membership_scheme = \"wka\"", "membership_scheme = \"kubernetes\"") + "\n" +
            "[clustering.properties]\nmembershipSchemeClassName = \"org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme\"\n" +
            "KUBERNETES_NAMESPACE = \"wso2-is\"\nKUBERNETES_SERVICES = \"wso2is-service\"\nKUBERNETES_MASTER_SKIP_SSL_VERIFICATION = true\n" +
            "USE_DNS = false\ncustomFlag = \"kept\"\n");

        var shown = _host.Run("Get-IsClusterNode ./manager | Set-IsClustering -WhatIf");
        Assert.Contains(shown.Console, line => line.Contains("-KUBERNETES_NAMESPACE = \"wso2-is\""));

        var result = _host.Run("Get-IsClusterNode ./manager | Set-IsClustering");
        Assert.Empty(result.Errors);
        var toml = Toml("manager");
        Assert.Contains("membership_scheme = \"wka\"", toml);
        Assert.DoesNotContain("KUBERNETES", toml);
        Assert.DoesNotContain("membershipSchemeClassName", toml);
        Assert.DoesNotContain("USE_DNS", toml);
        Assert.Contains("[clustering.properties]\ncustomFlag = \"kept\"\n", toml);
    }
}
