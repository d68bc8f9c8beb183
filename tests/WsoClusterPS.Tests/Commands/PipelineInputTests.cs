using WsoClusterPS.Loading;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>Objects from anywhere a runbook gets them: CSV and JSON records, and nodes that crossed a process boundary.</summary>
public class PipelineInputTests : InTempFolder
{
    private readonly CmdletHost _host;

    public PipelineInputTests() => _host = new CmdletHost(Temp.Path);

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    [Fact]
    public void Csv_and_json_records_make_nodes_by_property_name()
    {
        var pack = StandInPack.Make(Temp.Combine("pack"));
        File.WriteAllText(Temp.Combine("nodes.csv"), $"PackPath,Path,Role,Offset,ClusterHost\n{pack},./manager,Manager,0,10.0.0.4\n{pack},./worker,Worker,1,10.0.0.4\n");
        var csv = _host.Run("Import-Csv ./nodes.csv | New-IsClusterNode");
        Assert.Empty(csv.Errors);
        Assert.Equal([("manager", IsNodeRole.Manager, 0), ("worker", IsNodeRole.Worker, 1)], csv.Objects<IsNode>().Select(n => (n.Name, n.Role, n.Offset)));

        var json = _host.Run("'[{\"PackPath\": \"' + $pack + '\", \"Home\": \"./third\", \"ClusterHost\": \"10.0.0.5\", \"ClusterPort\": 4100}]' | ConvertFrom-Json | New-IsClusterNode",
            new Dictionary<string, object> { ["pack"] = pack.Replace("\\", "\\\\") });
        Assert.Empty(json.Errors);
        Assert.Equal(("third", "10.0.0.5", 4100), json.Objects<IsNode>().Select(n => (n.Name, n.ClusterHost, n.ClusterPort)).Single());
    }

    [Fact]
    public void Nodes_from_Import_Clixml_and_records_with_a_Home_are_read_again_from_disk()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var result = _host.Run("$nodes | Export-Clixml ./nodes.xml; Import-Clixml ./nodes.xml | Set-IsClustering -Hostname wso2.is -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(["wso2.is", "wso2.is"], result.Objects<IsNode>().Select(n => n.Hostname));
        var record = _host.Run("[pscustomobject]@{ Home = $nodes[0].Home } | Start-IsNode -WhatIf");
        Assert.Empty(record.Errors);
        Assert.Contains(record.Console, l => l.Contains("manager") && l.Contains("Start (bin/wso2server.sh start)"));
    }

    [Fact]
    public void A_record_without_Home_gets_the_binders_own_error()
    {
        var result = _host.Run("[pscustomobject]@{ Name = 'x' } | Stop-IsNode");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Set_IsHostsEntry_takes_the_name_and_address_by_property_name()
    {
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1\tlocalhost\n");
        var result = _host.Run("[pscustomobject]@{ Hostname = 'wso2.is'; Address = '10.0.0.10' } | Set-IsHostsEntry -Path ./hosts");
        Assert.Empty(result.Errors);
        Assert.EndsWith("10.0.0.10\twso2.is\n", File.ReadAllText(Temp.Combine("hosts")));
    }

    [Theory]
    [InlineData(".NET Framework 4.8.9290.0", "4.0.30319.42000", false)]
    [InlineData(".NET 6.0.36", "6.0.36", true)]
    [InlineData(".NET 7.0.20", "7.0.20", true)]
    [InlineData(".NET 8.0.11", "8.0.11", false)]
    [InlineData(".NET 10.0.12", "10.0.12", false)]
    public void The_module_refuses_to_load_only_on_net_6_and_7(string framework, string version, bool refused)
    {
        var refusal = RuntimeSupport.Refusal(framework, Version.Parse(version));
        Assert.Equal(refused, refusal != null);
        if (refused) Assert.Contains("needs PowerShell 7.4 or later (.NET 8), or Windows PowerShell 5.1", refusal);
    }
}
