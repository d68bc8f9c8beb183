using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

public class NodeReaderTests : InTempFolder
{
    private string Home(string toml, string marker = null)
    {
        var home = Temp.Combine("is");
        Directory.CreateDirectory(Path.Combine(home, "repository", "conf"));
        File.WriteAllText(Path.Combine(home, "repository", "conf", "deployment.toml"), toml);
        if (marker != null) File.WriteAllText(Path.Combine(home, ".wsoclusterps-node"), marker);
        return home;
    }

    [Fact]
    public void Clustering_in_deployment_toml_wins_over_the_marker()
    {
        var home = Home("[server]\nhostname = \"wso2.is\"\noffset = 2\n[clustering]\nlocal_member_host = \"10.0.0.5\"\nlocal_member_port = \"4100\"\n",
                        "name=mgr\nrole=Manager\ncluster_host=10.0.0.9\ncluster_port=4000\n");
        var node = NodeReader.Read(LocalHost.Instance, home, role: null, name: null);
        Assert.Equal(("mgr", NodeRole.Manager, 2, "10.0.0.5", 4100, "wso2.is"), (node.Name, node.Role, node.Offset, node.ClusterHost, node.ClusterPort, node.Hostname));
    }

    [Fact]
    public void Without_clustering_the_marker_gives_the_cluster_address()
    {
        var home = Home("[server]\noffset = \"1\"\n", "name=w\nrole=Worker\ncluster_host=10.0.0.9\ncluster_port=4001\n");
        var node = NodeReader.Read(LocalHost.Instance, home, role: NodeRole.Manager, name: null);
        Assert.Equal((1, "10.0.0.9", 4001, NodeRole.Manager), (node.Offset, node.ClusterHost, node.ClusterPort, node.Role));
    }

    [Fact]
    public void A_home_made_by_hand_gets_wso2_defaults_and_follows_ref()
    {
        var home = Home("[server]\nnode_ip = \"10.1.1.1\"\n[clustering]\nlocal_member_host = \"$ref{server.node_ip}\"\n");
        var node = NodeReader.Read(LocalHost.Instance, home, role: null, name: null);
        Assert.Equal(("is", NodeRole.Worker, 0, "10.1.1.1", 4000), (node.Name, node.Role, node.Offset, node.ClusterHost, node.ClusterPort));
    }

    [Fact]
    public void An_offset_that_is_not_a_number_is_reported()
    {
        var home = Home("[server]\noffset = \"one\"\n");
        var error = Assert.Throws<TomlEditException>(() => NodeReader.Read(LocalHost.Instance, home, null, null));
        Assert.Contains("[server] offset is 'one', not a whole number", error.Message);
    }

    [Fact]
    public void A_folder_that_is_not_an_is_home_is_reported()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NodeReader.Read(LocalHost.Instance, Temp.Path, null, null));
        Assert.Contains("is not a WSO2 IS home", error.Message);
    }
}
