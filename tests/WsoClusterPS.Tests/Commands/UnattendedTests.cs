using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>What a runbook author and a hostile tester hit: no false pass, no prompt, no lost result, no secret left behind.</summary>
public class UnattendedTests : InTempFolder
{
    private readonly CmdletHost _host;

    public UnattendedTests() => _host = new CmdletHost(Temp.Path);

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    [Fact]
    public void With_no_node_the_cluster_check_fails_with_an_error_and_Quiet_says_false()
    {
        var checks = _host.Run("'x' | Test-IsCluster");
        Assert.Empty(checks.Output);
        Assert.Contains(checks.Errors, e => e.FullyQualifiedErrorId.StartsWith("TestIsClusterNoNode") &&
                                           e.Exception.Message.Contains("nothing to act on"));
        Assert.Contains(checks.Errors, e => e.Exception.Message.Contains("'x' (a String) is not a node"));

        var quiet = _host.Run("'x' | Test-IsCluster -Quiet");
        Assert.Equal([false], quiet.Output.Select(o => o.BaseObject));

        var coordinator = _host.Run("@() | Get-IsCoordinator; 'x' | Get-IsCoordinator");
        Assert.Empty(coordinator.Output);
        Assert.Contains(coordinator.Errors, e => e.FullyQualifiedErrorId.StartsWith("GetIsCoordinatorNoNode"));
    }

    [Fact]
    public void No_coordinator_is_said_in_the_state_never_as_an_empty_row()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var result = _host.Run("$nodes | Get-IsCoordinator");
        var found = result.Objects<IsCoordinator>().Single();
        Assert.Equal(IsCoordinatorState.None, found.State);
        Assert.Null(found.Coordinator);
    }

    [Fact]
    public void A_balancer_that_accepts_and_never_answers_is_one_failed_check_and_the_others_still_report()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        using var silent = LoopbackServer.Silent();
        var result = _host.Run($"$nodes | Test-IsCluster -LoadBalancerUri http://127.0.0.1:{silent.Port} -TimeoutSeconds 2");
        var checks = result.Objects<IsClusterCheck>().ToList();
        Assert.Empty(result.Errors);
        var balancer = checks.Single(c => c.Check == IsClusterCheckName.LoadBalancer);
        Assert.False(balancer.Passed);
        Assert.Contains("did not answer within 2 s", balancer.Reason);
        Assert.Contains(checks, c => c.Check == IsClusterCheckName.Clustering);

        var quiet = _host.Run($"$nodes | Test-IsCluster -LoadBalancerUri http://127.0.0.1:{silent.Port} -TimeoutSeconds 1 -Quiet");
        Assert.Equal([false], quiet.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void An_expired_balancer_certificate_fails_the_check_with_why_unless_the_check_is_skipped()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var expired = new TestCertificate(Temp.Path, "127.0.0.1", expiredDaysAgo: 3);
        using var https = LoopbackServer.Https(expired.Certificate);
        var uri = $"https://127.0.0.1:{https.Port}";

        var checked_ = _host.Run($"$nodes | Test-IsCluster -LoadBalancerUri {uri} -TimeoutSeconds 10").Objects<IsClusterCheck>()
            .Single(c => c.Check == IsClusterCheckName.LoadBalancer);
        Assert.False(checked_.Passed);
        Assert.Contains("it expired on", checked_.Reason);

        var skipped = _host.Run($"$nodes | Test-IsCluster -LoadBalancerUri {uri} -SkipCertificateCheck").Objects<IsClusterCheck>()
            .Single(c => c.Check == IsClusterCheckName.LoadBalancer);
        Assert.True(skipped.Passed, skipped.Reason);
    }

    [Theory]
    [InlineData("Set-IsDatabase -Server db -Database d -Credential $null", "Credential")]
    [InlineData("Set-IsDatabase -Server db -Database d -Credential 'wso2'", "Credential")]
    [InlineData("Set-IsDatabase -Server db -Database d -Credential $c -AdminCredential 'root'", "AdminCredential")]
    [InlineData("New-IsSshSession example.invalid -Credential 'admin'", "Credential")]
    [InlineData("Start-IsNode -KeystoreCredential $null", "KeystoreCredential")]
    public void A_credential_given_as_null_or_a_name_is_refused_by_name_and_never_prompts(string command, string parameter)
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var result = _host.Run("$c = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)); $nodes | " + command);
        var error = Assert.Single(result.Errors);
        Assert.Contains($"'{parameter}'", error.Exception.Message);
        Assert.Contains("Get-AutomationPSCredential", error.Exception.Message);
        Assert.Contains("never prompts", error.Exception.Message);
    }

    [Fact]
    public void A_relative_Home_in_a_record_is_read_from_the_PowerShell_location_and_comes_back_whole()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        Directory.CreateDirectory(Temp.Combine("elsewhere"));
        File.WriteAllText(Temp.Combine("nodes.csv"), "Home,ComputerName\n./manager,localhost\n./worker,localhost\n");
        var result = _host.Run("Push-Location ./elsewhere; try { Set-Location ..; Import-Csv ./nodes.csv | Set-IsClustering -Hostname wso2.is -PassThru } " +
                               "finally { Pop-Location }");
        Assert.Empty(result.Errors);
        Assert.Equal([Temp.Combine("manager"), Temp.Combine("worker")], result.Objects<IsNode>().Select(n => n.Home));
    }

    [Fact]
    public void One_record_that_does_not_bind_stops_the_member_lists_of_every_node()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var before = File.ReadAllText(Temp.Combine("manager", "repository", "conf", "deployment.toml"));
        File.WriteAllText(Temp.Combine("nodes.csv"), "Home,ComputerName\n./manager,localhost\n./worker,localhost\n./gone,localhost\n");
        var result = _host.Run("Import-Csv ./nodes.csv | Set-IsClustering -ReplaceMembers");
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains("gone"));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("SetIsClusteringNodeInputFailed"));
        Assert.Equal(before, File.ReadAllText(Temp.Combine("manager", "repository", "conf", "deployment.toml")));
    }

    [Fact]
    public void The_same_node_spelt_three_ways_is_one_node()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        File.CreateSymbolicLink(Temp.Combine("link"), Temp.Combine("manager"));
        var result = _host.Run("Get-IsClusterNode ./manager, ./manager/, ./link, ./worker | Set-IsClustering -ReplaceMembers -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Objects<IsNode>().Count());
        Assert.Contains("members = [\"10.0.0.4:4000\", \"10.0.0.4:4001\"]",
            File.ReadAllText(Temp.Combine("worker", "repository", "conf", "deployment.toml")).Replace("4001\", \"10.0.0.4:4000", "4000\", \"10.0.0.4:4001"));
    }

    [Fact]
    public void PassThru_says_whether_the_run_changed_anything()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var first = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -PassThru");
        Assert.Equal([true, true], first.Output.Select(o => (bool)o.Properties["Changed"].Value));
        var second = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -PassThru | Set-IsClustering -Hostname wso2.is -PassThru");
        Assert.Equal([false, false], second.Output.Select(o => (bool)o.Properties["Changed"].Value));
    }

    [Fact]
    public void A_deployment_toml_that_is_a_folder_is_called_a_folder()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var toml = Temp.Combine("worker", "repository", "conf", "deployment.toml");
        File.Delete(toml);
        Directory.CreateDirectory(toml);
        var result = _host.Run("Get-IsClusterNode ./worker");
        Assert.Contains("is a folder, not a file", Assert.Single(result.Errors).Exception.Message);
    }

    [Fact]
    public void Set_IsDatabase_without_a_driver_on_a_node_that_has_none_warns_that_IS_will_not_start()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        var result = _host.Run("$c = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)); " +
                               "$nodes | Set-IsDatabase -Server db.example -Database d -Credential $c -WhatIf");
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("holds no MySQL JDBC driver") && w.Contains("-JdbcDriverPath")));
    }

    private static string Lease(string machine, DateTime since, DateTime expires) =>
        $"4242@{machine}@{since:yyyyMMddTHHmmss}Z@{expires:yyyyMMddTHHmmss}Z";

    [Fact]
    public void A_lock_whose_lease_ran_out_on_another_machine_is_taken_over_with_a_warning_naming_its_holder()
    {
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1\tlocalhost\n");
        File.WriteAllText(Temp.Combine(".hosts.wsoclusterps-lock"), Lease("azure-job-7", DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(-50)));
        var result = _host.Run("Set-IsHostsEntry wso2.is 10.0.0.10 -Path ./hosts -LockTimeoutSeconds 5");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("took over the lock of process 4242 on azure-job-7"));
        Assert.EndsWith("10.0.0.10\twso2.is\n", File.ReadAllText(Temp.Combine("hosts")));
        Assert.False(File.Exists(Temp.Combine(".hosts.wsoclusterps-lock")));
    }

    [Fact]
    public void Live_locks_on_two_nodes_from_another_machine_are_each_named_with_holder_and_age_and_nothing_is_written()
    {
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        foreach (var node in new[] { "manager", "worker" })
            File.WriteAllText(Temp.Combine(node, "repository", "conf", ".deployment.toml.wsoclusterps-lock"),
                Lease("hybrid-worker-2", DateTime.UtcNow.AddSeconds(-30), DateTime.UtcNow.AddMinutes(5)));
        var before = File.ReadAllText(Temp.Combine("worker", "repository", "conf", "deployment.toml"));
        var result = _host.Run("$nodes | Set-IsClustering -Hostname wso2.is -LockTimeoutSeconds 1");
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Matches(@"held by process 4242 on hybrid-worker-2 for \d+ s, since .* \(lease until", e.Exception.Message));
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains(Path.Combine("manager", "repository")));
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains(Path.Combine("worker", "repository")));
        Assert.Equal(before, File.ReadAllText(Temp.Combine("worker", "repository", "conf", "deployment.toml")));
    }

    [Fact]
    public void Waiting_on_a_lock_stops_on_ctrl_c()
    {
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1\tlocalhost\n");
        var lockPath = Temp.Combine(".hosts.wsoclusterps-lock");
        File.WriteAllText(lockPath, Lease("other", DateTime.UtcNow, DateTime.UtcNow.AddHours(1)));
        var took = _host.StopWhen("Set-IsHostsEntry wso2.is 10.0.0.10 -Path ./hosts -LockTimeoutSeconds 600", () => Thread.Sleep(500));
        Assert.True(took < TimeSpan.FromSeconds(30), $"the stop took {took}");
        Assert.Equal("127.0.0.1\tlocalhost\n", File.ReadAllText(Temp.Combine("hosts")));
    }
}
