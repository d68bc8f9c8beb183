using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

public class CoordinatorTests : InTempFolder
{
    private const string M1 = "6a66cf34-1111-4e3c-b6b5-343dd6c90938";
    private const string M2 = "6a66cf34-2222-4e3c-b6b5-343dd6c90938";
    private const string W1 = "7b77df45-1111-4a90-b2f7-7f1cf0456454";
    private const string W2 = "8c88e056-2222-4b01-c308-8a2d01567565";

    // The file layout of IS 7.x, and the console layout with the 6.1 logger family.
    private static string File7(string time, string logger, string message) => $"TID: [-1234] [] [2026-11-27 {time}] []  INFO {{org.wso2.carbon.{logger}}} - {message}";
    private static string Console6(string time, string logger, string message) => $"[2026-11-27 {time}] [] INFO {{org.wso2.carbon.{logger}}} - {message}";
    private const string Agent7 = "hazelcast.HazelcastClusteringAgent";
    private const string Agent6 = "core.clustering.hazelcast.HazelcastClusteringAgent";

    private NodeRecord Node(string name, params string[] logFiles)
    {
        var home = Temp.Combine(name);
        var logs = Path.Combine(home, "repository", "logs");
        Directory.CreateDirectory(logs);
        for (var i = 0; i < logFiles.Length; i += 2) File.WriteAllText(Path.Combine(logs, logFiles[i]), logFiles[i + 1]);
        return new NodeRecord(LocalHost.Instance, home, name, NodeRole.Worker, 0, "10.0.0.4", 4000, null);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static CoordinatorFinding Find(params NodeRecord[] nodes) => CoordinatorFinder.Find(NodeLogs.ForCoordinator(nodes));

    private static string Local(string id, int port) => $"Local member: [{id}] - Host:10.0.0.4, Remote Host:null, Port: {port}, HTTP:9763, HTTPS:9443, Domain: wso2.carbon.domain, Sub-domain:worker, Active:true";

    private NodeRecord Manager(params string[] extra) => Node("manager", "wso2carbon.log", Lines(new[]
    {
        File7("10:00:00,000", "core.internal.CarbonCoreActivator", "Starting WSO2 Carbon..."),
        File7("10:00:05,000", Agent7, Local(M1, 4000)),
        File7("10:00:05,100", Agent7, $"Elected this member [{M1}] as the Coordinator node"),
        File7("10:00:06,000", "core.internal.StartupFinalizerServiceComponent", "WSO2 Carbon started in 6 sec"),
        File7("10:01:00,000", Agent7, $"Member joined [{W1}]: /10.0.0.4:4001"),
    }.Concat(extra).ToArray()));

    private NodeRecord Worker(params string[] extra) => Node("worker", "wso2carbon.log", Lines(new[]
    {
        File7("10:00:55,000", Agent7, Local(W1, 4001)),
        File7("10:00:55,500", "core.internal.StartupFinalizerServiceComponent", "WSO2 Carbon started in 5 sec"),
    }.Concat(extra).ToArray()));

    [Fact]
    public void The_first_node_elected_is_the_coordinator_while_it_runs()
    {
        var finding = Find(Manager(), Worker());
        Assert.Equal("manager", finding.Coordinator.Name);
        Assert.Equal(M1, finding.MemberId);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 0, 5, 100), finding.ElectedAt);
        Assert.Equal([("manager", MemberState.Active), ("worker", MemberState.Active)], finding.Members.Select(m => (m.Node.Name, m.State)));
        Assert.Contains(finding.Evidence, e => e.Contains("Elected this member"));
    }

    [Fact]
    public void When_the_coordinator_stops_the_survivor_that_takes_over_is_named()
    {
        var finding = Find(
            Manager(File7("11:00:00,000", "core.init.CarbonServerManager", "Shutdown hook triggered....")),
            Worker(File7("11:00:01,000", Agent7, $"Member left [{M1}]: /10.0.0.4:4000"), File7("11:00:01,001", Agent7, $"Elected this member [{W1}] as the Coordinator node")));
        Assert.Equal("worker", finding.Coordinator.Name);
        Assert.Equal([("manager", MemberState.Stopped), ("worker", MemberState.Active)], finding.Members.Select(m => (m.Node.Name, m.State)));
    }

    [Fact]
    public void A_coordinator_that_left_with_no_one_elected_yet_means_no_coordinator()
    {
        var finding = Find(Manager(), Worker(File7("11:00:01,000", Agent7, $"Member left [{M1}]: /10.0.0.4:4000")));
        Assert.Null(finding.Coordinator);
        Assert.Equal(MemberState.Left, finding.Members.Single(m => m.Node.Name == "manager").State);
        Assert.Contains(finding.Evidence, e => e.Contains("Member left"));
    }

    [Fact]
    public void A_restarted_node_has_a_new_member_id_and_is_not_coordinator_again()
    {
        var finding = Find(
            Manager(File7("11:00:00,000", "core.init.CarbonServerManager", "Halting JVM"), File7("11:05:00,000", Agent7, Local(M2, 4000))),
            Worker(File7("11:00:01,000", Agent7, $"Member left [{M1}]: /10.0.0.4:4000"), File7("11:00:01,001", Agent7, $"Elected this member [{W1}] as the Coordinator node"),
                   File7("11:05:01,000", Agent7, $"Member joined [{M2}]: /10.0.0.4:4000")));
        Assert.Equal("worker", finding.Coordinator.Name);
        Assert.Equal(M2, finding.Members.Single(m => m.Node.Name == "manager").MemberId);
        Assert.Equal(MemberState.Active, finding.Members.Single(m => m.Node.Name == "manager").State);
    }

    [Fact]
    public void A_peer_that_saw_the_coordinator_leave_and_restarted_since_still_tells_it_though_that_line_is_older_than_its_own_start()
    {
        // The logs are read backwards only as far as they matter: the worker's back past its own restart (W2, 12:00), to the
        // manager's start, where its earlier incarnation logged the manager leaving.
        var finding = Find(Manager(), Worker(File7("11:00:01,000", Agent7, $"Member left [{M1}]: /10.0.0.4:4000"),
            File7("11:30:00,000", "core.init.CarbonServerManager", "Shutdown hook triggered...."), File7("12:00:00,000", Agent7, Local(W2, 4001))));
        Assert.Null(finding.Coordinator);
        Assert.Equal([("manager", MemberState.Left), ("worker", MemberState.Active)], finding.Members.Select(m => (m.Node.Name, m.State)));
        Assert.Equal(W2, finding.Members.Single(m => m.Node.Name == "worker").MemberId);
    }

    [Fact]
    public void Console_layout_old_logger_names_rotation_stack_traces_and_noise_are_handled()
    {
        var manager = Node("manager",
            "wso2carbon-11-26-2026.1.log", Lines(
                Console6("09:00:00,000", Agent6, Local(M1, 4000)),
                Console6("09:00:00,500", Agent6, $"Elected this member [{M1}] as the Coordinator node")),
            "wso2carbon-11-26-2026.2.log", Lines(
                Console6("09:30:00,000", "identity.oauth.OAuthServerConfiguration", "Member joined [not-hazelcast]: /1.2.3.4:1 (a different logger, ignored)"),
                "java.lang.IllegalStateException: Member left [" + M1 + "]: /10.0.0.4:4000",
                "\tat org.wso2.carbon.Something.run(Something.java:42)"),
            "wso2carbon.log", Lines(
                Console6("10:00:00,000", Agent6, $"Member joined [{W1}]: /10.0.0.4:4001"),
                Console6("10:00:01,000", "some.Other", "Elected this member [x] as the Coordinator node is not Hazelcast talking")));
        var worker = Node("worker", "wso2carbon.log", Lines(Console6("09:59:59,000", Agent6, Local(W1, 4001))));
        var finding = Find(manager, worker);
        Assert.Equal("manager", finding.Coordinator.Name);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 0, 0, 500), finding.ElectedAt);
        Assert.All(finding.Members, m => Assert.Equal(MemberState.Active, m.State));
    }

    [Fact]
    public void Rotated_files_are_read_oldest_first()
    {
        Assert.Equal(["wso2carbon-12-31-2025.1.log", "wso2carbon-01-02-2026.1.log", "wso2carbon-01-02-2026.2.log", "wso2carbon-01-02-2026-10.log", "wso2carbon.log"],
            CarbonLog.InOrder(["wso2carbon.log", "wso2carbon-01-02-2026-10.log", "wso2carbon-01-02-2026.2.log", "audit.log", "wso2carbon-12-31-2025.1.log", "wso2carbon-01-02-2026.1.log"]));
    }

    [Fact]
    public void No_logs_means_no_coordinator_not_a_crash()
    {
        var finding = Find(Node("fresh"));
        Assert.Null(finding.Coordinator);
        Assert.Empty(finding.Members);
    }

    [Fact]
    public void A_one_gigabyte_log_with_elections_near_its_start_and_end_is_read()
    {
        var home = Temp.Combine("big");
        var logs = Path.Combine(home, "repository", "logs");
        Directory.CreateDirectory(logs);
        using (var file = new StreamWriter(Path.Combine(logs, "wso2carbon.log"), false, new UTF8Encoding(false), 1 << 20))
        {
            file.WriteLine(File7("00:00:00,000", Agent7, Local(M1, 4000)));
            file.WriteLine(File7("00:00:00,100", Agent7, $"Elected this member [{M1}] as the Coordinator node"));
            var noise = File7("00:00:01,000", "identity.core.util.IdentityUtil", "Noise: a request was handled by the identity framework, nothing to see here at all.") + "\n";
            var block = string.Concat(Enumerable.Repeat(noise, 10000));
            for (long written = 0; written < 1L << 30; written += block.Length) file.Write(block);
            file.WriteLine(File7("23:00:00,000", "core.init.CarbonServerManager", "Shutdown hook triggered...."));
            file.WriteLine(File7("23:05:00,000", Agent7, Local(M2, 4000)));
            file.WriteLine(File7("23:05:00,100", Agent7, $"Elected this member [{M2}] as the Coordinator node"));
        }
        var node = new NodeRecord(LocalHost.Instance, home, "big", NodeRole.Manager, 0, "10.0.0.4", 4000, null);
        var finding = CoordinatorFinder.Find(NodeLogs.ForCoordinator([node]));
        Assert.Equal(M2, finding.MemberId);
        Assert.Equal(new DateTime(2026, 11, 27, 23, 5, 0, 100), finding.ElectedAt);
    }

    [Fact]
    public void A_node_that_never_restarted_in_a_long_log_is_found_by_grepping_forward_once_the_backward_window_has_no_answer()
    {
        // 300,000 noise lines (about 45 MB) after the start: past what is read backwards before giving up on that.
        var home = Temp.Combine("long");
        var log = Path.Combine(home, "repository", "logs", "wso2carbon.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        using (var file = new StreamWriter(log))
        {
            file.WriteLine(File7("00:00:00,000", Agent7, Local(M1, 4000)));
            file.WriteLine(File7("00:00:00,100", Agent7, $"Elected this member [{M1}] as the Coordinator node"));
            var noise = File7("00:00:01,000", "identity.core.util.IdentityUtil", "Noise: a request was handled by the identity framework, nothing to see here at all.");
            for (var i = 0; i < 300_000; i++) file.WriteLine(noise);
        }
        var node = new NodeRecord(LocalHost.Instance, home, "long", NodeRole.Manager, 0, "10.0.0.4", 4000, null);
        var finding = Find(node);
        Assert.Equal(M1, finding.MemberId);
        Assert.Equal([MemberState.Active], finding.Members.Select(m => m.State));
    }

    /// <summary>Every layout WSO2 products have written since Carbon 4.4, with {0} the logger and {1} the message.</summary>
    public static TheoryData<string, string, string> Layouts() => new()
    {
        { "log4j 1.x console (Carbon 4.4)", "[2016-03-01 10:00:0{2},123]  INFO {{org.wso2.carbon.{0}}} -  {1}", Agent6 },
        { "log4j 1.x file (Carbon 4.4)", "TID: [-1234] [] [2016-03-01 10:00:0{2},123]  INFO {{org.wso2.carbon.{0}}} -  {1} {{org.wso2.carbon.{0}}}", Agent6 },
        { "log4j2 file without correlation", "TID: [-1234] [] [2020-03-01 10:00:0{2},123]  INFO {{org.wso2.carbon.{0}}} - {1}", Agent6 },
        { "log4j2 file with correlation", "TID: [-1234] [] [2024-05-02 10:00:0{2},345] [] INFO {{org.wso2.carbon.{0}}} - {1}", Agent7 },
        { "log4j2 file with a correlation id", "TID: [-1234] [authenticationendpoint] [2024-05-02 10:00:0{2},345] [3f2a9c1e-77b0-4c2d-9e1a-0d5b6c7e8f90]  INFO {{org.wso2.carbon.{0}}} - {1}", Agent7 },
        { "log4j2 console without correlation", "[2020-03-01 10:00:0{2},123]  INFO {{org.wso2.carbon.{0}}} - {1}", Agent6 },
        { "log4j2 console with correlation", "[2024-05-02 10:00:0{2},345] [] INFO {{org.wso2.carbon.{0}}} - {1}", Agent7 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_carbon_layout_names_the_coordinator(string layout, string format, string agent)
    {
        var node = Node("manager", "wso2carbon.log", Lines(
            string.Format(format, agent, Local(M1, 4000), 5),
            string.Format(format, agent, $"Elected this member [{M1}] as the Coordinator node", 6)));
        var finding = Find(node);
        Assert.True(finding.Coordinator == node, $"{layout}: no coordinator from\n{string.Format(format, agent, "message", 5)}");
        Assert.Equal(M1, finding.MemberId);
    }

    [Fact]
    public void An_election_with_no_local_member_line_gives_the_id_and_says_which_node_it_is_not_known_to_be()
    {
        var worker = Node("worker", "wso2carbon.log", Lines(
            File7("11:00:00,000", Agent7, $"Elected this member [{W1}] as the Coordinator node")));
        var finding = Find(Manager(File7("10:59:00,000", "core.init.CarbonServerManager", "Shutdown hook triggered....")), worker);
        Assert.Null(finding.Coordinator);
        Assert.Equal(W1, finding.MemberId);
        Assert.Contains($"Member [{W1}] was elected coordinator at 2026-11-27 11:00:00 (in the log of 'worker')", finding.Note);
        Assert.Contains("so it is not known to be 'worker'", finding.Note);
        Assert.Contains(finding.Evidence, line => line.Contains($"Elected this member [{W1}]"));
    }
}
