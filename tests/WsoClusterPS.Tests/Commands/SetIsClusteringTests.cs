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
