using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Plans;

/// <summary>How a spec is read and its names resolved, before anything is planned on a machine.</summary>
public class SpecInputTests : InTempFolder
{
    private readonly CmdletHost _shell;

    public SpecInputTests()
    {
        _shell = new CmdletHost(Temp.Path);
        StandInPack.Make(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _shell.Dispose();
        base.Dispose();
    }

    private const string TwoNodes = "Nodes = @(@{ Name = 'a'; Path = './a'; ClusterPort = 4001 }, @{ Name = 'b'; Path = './b'; ClusterPort = 4002; Offset = 1 })";

    private static string Id(CmdletHost.Result result) => Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0];

    [Fact]
    public void A_psd1_a_json_file_and_a_hashtable_plan_alike_and_relative_paths_start_at_the_spec_file()
    {
        Directory.CreateDirectory(Temp.Combine("specs"));
        File.WriteAllText(Temp.Combine("specs", "c.psd1"), $"@{{ Pack = '../pack/wso2is-7.1.0.zip'; {TwoNodes} }}");
        File.WriteAllText(Temp.Combine("specs", "c.json"), """
            { "Pack": "../pack/wso2is-7.1.0.zip", "Nodes": [ { "Name": "a", "Path": "./a", "ClusterPort": 4001 }, { "Name": "b", "Path": "./b", "ClusterPort": 4002, "Offset": 1 } ] }
            """);
        var plans = new[] { "./specs/c.psd1", "./specs/c.json" }
            .Select(spec => _shell.Run($"Get-IsClusterPlan {spec} | ForEach-Object {{ \"$($_.Action) $($_.Target) $($_.Reason)\" }}").Objects<string>().ToList())
            .Append(_shell.Run($"Get-IsClusterPlan @{{ Pack = './pack/wso2is-7.1.0.zip'; {TwoNodes} }} | ForEach-Object {{ \"$($_.Action) $($_.Target) $($_.Reason)\" }}")
                .Objects<string>().Select(l => l.Replace(Temp.Path + "/a", Temp.Combine("specs", "a")).Replace(Temp.Path + "/b", Temp.Combine("specs", "b"))).ToList())
            .Append(_shell.Run("""
                $object = '{ "Pack": "./pack/wso2is-7.1.0.zip", "Nodes": [ { "Name": "a", "Path": "./specs/a", "ClusterPort": 4001 }, { "Name": "b", "Path": "./specs/b", "ClusterPort": 4002, "Offset": 1 } ] }' | ConvertFrom-Json
                Get-IsClusterPlan $object | ForEach-Object { "$($_.Action) $($_.Target) $($_.Reason)" }
                """).Objects<string>().ToList())
            .ToList();
        Assert.Contains($"Create {Temp.Combine("specs", "a")} not there: made from {Temp.Combine("pack", "wso2is-7.1.0.zip")}", plans[0]);
        Assert.Equal(plans[0], plans[1]);
        Assert.Equal(plans[0], plans[2]);
        Assert.Equal(plans[0], plans[3]);
    }

    [Fact]
    public void No_code_in_a_spec_file_runs()
    {
        File.WriteAllText(Temp.Combine("c.psd1"), $"@{{ Pack = (New-Item ./ran -ItemType File); {TwoNodes} }}");
        var result = _shell.Run("Get-IsClusterPlan ./c.psd1");
        Assert.Single(result.Errors);
        Assert.False(File.Exists(Temp.Combine("ran")));
    }

    [Theory]
    [InlineData("@{ Colour = 'red'; " + TwoNodes + " }", "The spec has the key(s) Colour, which the spec does not know")]
    [InlineData("@{ Nodes = @(@{ Path = './a'; Offset = 'one' }) }", "Nodes[0].Offset is not a whole number; give a number from 0 to 50000")]
    [InlineData("@{ Nodes = @(@{ Path = './a'; Role = 'Boss' }) }", "Nodes[0].Role is 'Boss'; give one of Manager, Worker")]
    [InlineData("@{ Nodes = @(@{ Path = './a'; Role = '0' }) }", "Nodes[0].Role is '0'; give one of Manager, Worker")]
    [InlineData("@{ Nodes = @(@{ Path = \"./a`n\" }) }", "Nodes[0].Path holds a line break")]
    [InlineData("@{ Pack = './nope.zip'; Nodes = @(@{ Path = './a' }) }", "The pack '")]
    [InlineData("@{ Nodes = @(@{ Name = 'a'; Path = './a' }, @{ Name = 'A'; Path = './b'; ClusterPort = 4001 }) }", "Two nodes of the spec are named 'a'")]
    [InlineData("@{ Nodes = @(@{ Path = './a' }) }", "Node 'a' is not at")]
    [InlineData("@{ Nodes = @(@{ Path = '/opt/a'; ComputerName = 'is1' }) }", "No session reaches 'is1'")]
    [InlineData("@{ Nodes = @(@{ Path = 'opt/a'; ComputerName = 'localhost' }) }", "Node 'a' is not at")]
    [InlineData("@{ Nodes = @() }", "The spec has no Nodes")]
    [InlineData("@{ Nodes = @(@{ Name = 'a'; Path = './a'; ClusterPort = 4001 }, @{ Name = 'b'; Path = './x/../a/'; ClusterPort = 4002 }) }", "Node 'b' is at")]
    [InlineData("@{ Pack = 'p.zip'; " + TwoNodes + "; Database = @{ Server = 'db'; Credential = 'db' } }", "Database needs Name")]
    public void A_spec_that_cannot_be_planned_is_refused_naming_where(string spec, string message)
    {
        var result = _shell.Run($"Get-IsClusterPlan {spec}");
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Equal([Temp.Combine("pack")], Directory.GetFileSystemEntries(Temp.Path));
    }

    [Fact]
    public void Two_nodes_on_one_cluster_address_are_refused()
    {
        var result = _shell.Run("Get-IsClusterPlan @{ Pack = 'p.zip'; Nodes = @(@{ Name = 'a'; Path = './a' }, @{ Name = 'b'; Path = './b' }) }");
        Assert.Equal("GetIsClusterPlanClusterAddressClash", Id(result));
    }

    [Fact]
    public void A_credential_is_resolved_from_the_parameter_then_SecretManagement_then_Automation_and_never_prompted_for()
    {
        var spec = $"@{{ Pack = './pack/wso2is-7.1.0.zip'; {TwoNodes}; Database = @{{ Server = 'db'; Name = 'regdb'; Credential = 'wso2is-db' }} }}";
        var missing = _shell.Run($"Get-IsClusterPlan {spec}");
        Assert.Equal("GetIsClusterPlanCredentialNotFound", Id(missing));
        Assert.Contains("No credential named 'wso2is-db' was found", missing.Errors[0].Exception.Message);

        // Stand-ins for SecretManagement's and Azure Automation's commands: a vault that does not know the name is passed by.
        _shell.Run("function Get-Secret([string] $Name) { throw \"no secret $Name\" }");
        Assert.Equal("GetIsClusterPlanCredentialNotFound", Id(_shell.Run($"Get-IsClusterPlan {spec}")));
        _shell.Run("function Get-AutomationPSCredential([string] $Name) { [pscredential]::new(\"automation-$Name\", (ConvertTo-SecureString x -AsPlainText -Force)) }");
        var fromAutomation = _shell.Run($"Get-IsClusterPlan {spec}");
        Assert.Empty(fromAutomation.Errors);
        Assert.Contains(fromAutomation.Objects<IsClusterChange>(), c => c.Action == IsClusterChangeAction.Create);

        _shell.Run("function Get-Secret([string] $Name) { ConvertTo-SecureString x -AsPlainText -Force }");
        Assert.Contains("Get-Secret -Name 'wso2is-db' gives a SecureString, not a PSCredential", _shell.Run($"Get-IsClusterPlan {spec}").Errors.Single().Exception.Message);

        var given = _shell.Run($"Get-IsClusterPlan {spec} -Credential @{{ 'wso2is-db' = 'not a credential' }}");
        Assert.Contains("-Credential's 'wso2is-db' is a String, not a PSCredential", given.Errors.Single().Exception.Message);
    }
}
