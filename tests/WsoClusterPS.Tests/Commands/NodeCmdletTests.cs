using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

public class NodeCmdletTests : InTempFolder
{
    private readonly CmdletHost _host;
    private readonly string _pack;

    public NodeCmdletTests()
    {
        _host = new CmdletHost(Temp.Path);
        _pack = StandInPack.Make(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private Dictionary<string, object> Pack => new() { ["pack"] = _pack };

    [Fact]
    public void New_IsClusterNode_emits_a_node_with_ports_from_its_offset()
    {
        var result = _host.Run("New-IsClusterNode -PackPath $pack -Path ./worker -Offset 2 -ClusterHost 10.0.0.4", Pack);
        Assert.Empty(result.Errors);
        var node = Assert.Single(result.Objects<IsNode>());
        Assert.Equal(("worker", IsNodeRole.Worker, 9445, 9765, "10.0.0.4", 4002, "localhost"),
                     (node.Name, node.Role, node.HttpsPort, node.HttpPort, node.ClusterHost, node.ClusterPort, node.Hostname));
        Assert.Equal(Temp.Combine("worker"), node.Home);
    }

    [Fact]
    public void New_IsClusterNode_with_WhatIf_creates_nothing()
    {
        var result = _host.Run("New-IsClusterNode -PackPath $pack -Path ./manager -Role Manager -WhatIf", Pack);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(Temp.Combine("manager")));
    }

    [Fact]
    public void New_IsClusterNode_refuses_a_pack_that_is_not_an_is_pack_with_a_clear_error()
    {
        File.WriteAllText(Temp.Combine("notes.txt"), "hello");
        var result = _host.Run("New-IsClusterNode -PackPath ./notes.txt -Path ./node", Pack);
        var error = Assert.Single(result.Errors);
        Assert.Equal("NewIsClusterNodeNotAPack,WsoClusterPS.Commands.NewIsClusterNodeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(Temp.Combine("node"), error.TargetObject);
        Assert.False(Directory.Exists(Temp.Combine("node")));
    }

    [Fact]
    public void New_IsClusterNode_refuses_a_folder_in_use_unless_forced()
    {
        Directory.CreateDirectory(Temp.Combine("node"));
        File.WriteAllText(Temp.Combine("node", "keep.txt"), "x");
        var refused = _host.Run("New-IsClusterNode $pack ./node", Pack);
        Assert.Equal(ErrorCategory.ResourceExists, Assert.Single(refused.Errors).CategoryInfo.Category);
        Assert.Contains("add -Force to replace it", refused.Errors[0].Exception.Message);

        var forced = _host.Run("New-IsClusterNode $pack ./node -Force", Pack);
        Assert.Empty(forced.Errors);
        Assert.False(File.Exists(Temp.Combine("node", "keep.txt")));
    }

    [Fact]
    public void Get_IsClusterNode_reads_back_what_New_IsClusterNode_made()
    {
        _host.Run("New-IsClusterNode $pack ./nodes/manager -Role Manager -Name mgr -ClusterHost 10.0.0.4 -ClusterPort 5701; " +
                  "New-IsClusterNode $pack ./nodes/worker -Offset 1 -ClusterHost 10.0.0.4", Pack);
        var nodes = _host.Run("Get-IsClusterNode ./nodes/*").Objects<IsNode>().ToList();
        Assert.Equal([("mgr", IsNodeRole.Manager, 0, 5701), ("worker", IsNodeRole.Worker, 1, 4001)],
                     nodes.Select(n => (n.Name, n.Role, n.Offset, n.ClusterPort)));

        var overridden = Assert.Single(_host.Run("Get-Item ./nodes/worker | Get-IsClusterNode -Role Manager").Objects<IsNode>());
        Assert.Equal(IsNodeRole.Manager, overridden.Role);
    }

    [Fact]
    public void Get_IsClusterNode_reports_a_folder_that_is_not_a_node_and_goes_on()
    {
        _host.Run("New-IsClusterNode $pack ./node", Pack);
        var result = _host.Run("Get-IsClusterNode ./pack, ./node, ./missing");
        Assert.Single(result.Objects<IsNode>());
        Assert.Equal(["GetIsClusterNodeNotFound", "GetIsClusterNodeNotFound"], result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
    }
}
