using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Tests.Is;

public class ClusterSettingsTests
{
    private static NodeRecord Node(string name, string clusterHost, int clusterPort) =>
        new(LocalHost.Instance, "/opt/" + name, name, NodeRole.Worker, 0, clusterHost, clusterPort, null);

    [Fact]
    public void Members_are_every_node_in_the_order_given()
    {
        var members = ClusterSettings.MembersOf([Node("a", "10.0.0.4", 4000), Node("b", "10.0.0.4", 4001)]);
        Assert.Equal(["10.0.0.4:4000", "10.0.0.4:4001"], members);
    }

    [Fact]
    public void Two_nodes_on_one_host_with_one_cluster_port_are_refused()
    {
        var error = Assert.Throws<ClusterPlanException>(() => ClusterSettings.MembersOf([Node("a", "10.0.0.4", 4000), Node("b", "10.0.0.5", 4000)]));
        Assert.Contains("'a' (/opt/a) and 'b' (/opt/b) are on one host (localhost) with one cluster port, 4000", error.Message);
        Assert.Contains("no file was written", error.Message);
    }

    [Fact]
    public void Settings_write_wka_clustering_hostname_and_proxy_ports()
    {
        var node = Node("a", "10.0.0.4", 4000);
        var settings = new ClusterSettings(new WkaScheme(["10.0.0.4:4000", "10.0.0.5:4000"]), "wso2.is.domain", "wso2.is", 443, 80);
        var toml = TomlEditor.Parse("[server]\nhostname = \"localhost\"\n", "deployment.toml");
        settings.ApplyTo(toml, node);
        Assert.Equal(
            "[server]\nhostname = \"wso2.is\"\n\n" +
            "[clustering]\nmembership_scheme = \"wka\"\ndomain = \"wso2.is.domain\"\nlocal_member_host = \"10.0.0.4\"\nlocal_member_port = \"4000\"\nmembers = [\"10.0.0.4:4000\", \"10.0.0.5:4000\"]\n\n" +
            "[transport.https.properties]\nproxyPort = 443\n\n" +
            "[transport.http.properties]\nproxyPort = 80\n",
            toml.Text);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.4", false)]
    public void Loopback_cluster_hosts_are_recognised(string host, bool loopback) =>
        Assert.Equal(loopback, ClusterSettings.IsLoopback(host));

    [Theory]
    [InlineData("10.0.0.4:99999", "is not between 1 and 65535")]
    [InlineData("10.0.0.4:0", "is not between 1 and 65535")]
    public void A_member_port_out_of_range_is_refused(string member, string expected) =>
        Assert.Contains(expected, Assert.Throws<ClusterPlanException>(() => ClusterSettings.CheckMembers([member, "10.0.0.5:4000"])).Message);

    [Fact]
    public void A_member_listed_twice_is_refused() =>
        Assert.Contains("is listed 2 times",
            Assert.Throws<ClusterPlanException>(() => ClusterSettings.CheckMembers(["10.0.0.4:4000", "10.0.0.4:4000"])).Message);
}
