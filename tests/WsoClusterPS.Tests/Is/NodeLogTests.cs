using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>
/// Get-IsNodeLog reads a node's Carbon log as objects, from its end, in every layout Carbon has
/// written, here and over SSH; a 1 GB (sparse) log answers -Tail from its end.
/// </summary>
[Collection(SshCollection.Name)]
public class NodeLogTests : InSshShell
{
    private readonly SshServer _sshd;

    public NodeLogTests(SshServer sshd)
    {
        _sshd = sshd;
        Shell.Run("$node = New-IsClusterNode $pack ./node -ClusterHost 127.0.0.1",
            new Dictionary<string, object> { ["pack"] = StandInPack.Make(Temp.Combine("pack")) });
    }

    private string Log => Temp.Combine("node", "repository", "logs", "wso2carbon.log");

    /// <summary>One entry per layout, in time order, with a stack trace under the error.</summary>
    public static TheoryData<string> Layouts => new()
    {
        FileLayout,
        "TID: [-1234] [authenticationendpoint] [2026-11-27 10:00:0{0},345] [3f2a9c1e-77b0-4c2d-9e1a-0d5b6c7e8f90]  {1} {{org.wso2.carbon.{2}}} - {3}",
        "[2026-11-27 10:00:0{0},345] [] {1} {{org.wso2.carbon.{2}}} - {3}",
        "[2026-11-27 10:00:0{0},123]  {1} {{org.wso2.carbon.{2}}} -  {3}",
        "TID: [-1234] [] [2026-11-27 10:00:0{0},123]  {1} {{org.wso2.carbon.{2}}} -  {3} {{org.wso2.carbon.{2}}}",
    };

    private const string FileLayout = "TID: [-1234] [] [2026-11-27 10:00:0{0},345] []  {1} {{org.wso2.carbon.{2}}} - {3}";

    private static string Lines(string layout) => string.Join("\n",
        string.Format(layout, 1, " INFO", "core.internal.CarbonCoreActivator", "Starting WSO2 Carbon..."),
        string.Format(layout, 2, " INFO", "hazelcast.HazelcastClusteringAgent", "Elected this member [a1] as the Coordinator node"),
        string.Format(layout, 3, "ERROR", "ndatasource.core.DataSourceRepository", "Error in creating data source WSO2_SHARED_DB"),
        "java.sql.SQLException: Access denied for user 'wso2'",
        "\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)",
        string.Format(layout, 4, " WARN", "hazelcast.HazelcastClusteringAgent", "Member left [b2]: /10.0.0.5:4001"),
        string.Format(layout, 5, " INFO", "core.init.CarbonServerManager", "WSO2 Carbon started in 41 sec")) + "\n";

    private List<IsLogEntry> Read(string options, Dictionary<string, object> variables = null, string node = "$node")
    {
        var result = Shell.Run($"{node} | Get-IsNodeLog {options}", variables);
        Assert.Empty(result.Errors);
        return result.Objects<IsLogEntry>().ToList();
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_reads_as_entries_with_the_stack_trace_in_the_message(string layout)
    {
        File.WriteAllText(Log, Lines(layout));
        var all = Read("");
        Assert.Equal([IsLogLevel.Info, IsLogLevel.Info, IsLogLevel.Error, IsLogLevel.Warn, IsLogLevel.Info], all.Select(e => e.Level));
        Assert.Equal(new DateTime(2026, 11, 27, 10, 0, 3), all[2].Time.AddMilliseconds(-all[2].Time.Millisecond));
        Assert.Equal("org.wso2.carbon.ndatasource.core.DataSourceRepository", all[2].Logger);
        Assert.StartsWith("Error in creating data source WSO2_SHARED_DB", all[2].Message);
        Assert.Contains("\njava.sql.SQLException: Access denied for user 'wso2'\n\tat com.mysql.cj.jdbc", all[2].Message);
        Assert.All(all, e => Assert.Equal("node", e.Node.Name));

        Assert.Equal(["Member left [b2]: /10.0.0.5:4001", "WSO2 Carbon started in 41 sec"], Read("-Tail 2").Select(e => e.Message.Split(" {")[0]));
        Assert.Equal([3, 4, 5], Read("-Since '2026-11-27 10:00:03'").Select(e => e.Time.Second));
        Assert.Equal([IsLogLevel.Error, IsLogLevel.Warn], Read("-Level Error, Warn").Select(e => e.Level));
        Assert.Equal([2, 4], Read("-Membership").Select(e => e.Time.Second));
        Assert.Equal([3], Read("-Pattern 'data\\s?source'").Select(e => e.Time.Second));
        Assert.Equal([4], Read("-Membership -Tail 1").Select(e => e.Time.Second));
    }

    [Fact]
    public void Rotated_logs_are_read_after_the_live_one_newest_first_and_only_as_far_as_the_query_reaches()
    {
        var logs = Path.GetDirectoryName(Log)!;
        File.WriteAllText(Path.Combine(logs, "wso2carbon-11-25-2026.log"), Lines(FileLayout).Replace("2026-11-27", "2026-11-25"));
        File.WriteAllText(Path.Combine(logs, "wso2carbon-11-26-2026-1.log"), Lines(FileLayout).Replace("2026-11-27", "2026-11-26"));
        File.WriteAllText(Path.Combine(logs, "wso2carbon-11-26-2026.log.gz"), "not a log");
        File.WriteAllText(Log, Lines(FileLayout));

        Assert.Equal([26, 26, 27, 27, 27, 27, 27], Read("-Tail 7").Select(e => e.Time.Day));
        Assert.Equal([4, 5], Read("-Tail 7").Take(2).Select(e => e.Time.Second));
        Assert.Equal(10, Read("-Since '2026-11-26'").Count);
        Assert.Equal([25, 25, 26, 26, 27, 27], Read("-Membership").Select(e => e.Time.Day));
        Assert.Equal(15, Read("").Count);
    }

    [Fact]
    public void A_one_gigabyte_log_answers_Tail_from_its_end()
    {
        // Sparse: a gigabyte of nothing, then the entries; only the end holds data to read.
        using (var file = new FileStream(Log, FileMode.Create))
        {
            file.SetLength(1L << 30);
            file.Seek(0, SeekOrigin.End);
            var tail = System.Text.Encoding.UTF8.GetBytes("\n" + Lines(FileLayout));
            file.Write(tail);
        }
        Assert.Equal([4, 5], Read("-Tail 2").Select(e => e.Time.Second));
    }

    [Fact]
    public void A_filtered_query_whose_answer_lies_past_the_backward_window_is_answered_by_grepping_forward()
    {
        using (var file = new StreamWriter(Log))
        {
            file.Write(Lines(FileLayout));
            var noise = string.Format(FileLayout, 6, " INFO", "identity.core.util.IdentityUtil", "Noise: a request was handled, nothing to see here.");
            for (var i = 0; i < 300_000; i++) file.WriteLine(noise);
        }
        Assert.Equal("Error in creating data source WSO2_SHARED_DB", Assert.Single(Read("-Level Error -Tail 1")).Message);
        Assert.Equal([2, 4], Read("-Membership").Select(e => e.Time.Second));
        Assert.Equal([2, 4], Read("-Membership -Since '2026-11-27 10:00:02'").Select(e => e.Time.Second));
        Assert.Equal(2, Read("-Level Warn, Error").Count);
    }

    [Fact]
    public void A_pattern_that_is_no_regular_expression_is_refused_before_anything_is_read()
    {
        var error = Assert.Single(Shell.Run("$node | Get-IsNodeLog -Pattern '(unclosed'").Errors);
        Assert.Contains("-Pattern '(unclosed' is not a regular expression", error.Exception.Message);
    }

    [NeedsSshFact]
    public void Over_SSH_the_host_reads_its_own_log()
    {
        File.WriteAllText(Log, Lines(FileLayout));
        var variables = new Dictionary<string, object>
        {
            ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"),
            ["user"] = Environment.UserName, ["nodeHome"] = Temp.Combine("node"),
        };
        Assert.Empty(Shell.Run("$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known " +
            "-AcceptNewHostKey; $remote = Get-IsClusterNode $nodeHome -Session $s -NoState", variables).Errors);
        var errors = Read("-Level Error -Tail 1", variables, "$remote");
        Assert.Equal("Error in creating data source WSO2_SHARED_DB", Assert.Single(errors).Message);
        Assert.Contains("\njava.sql.SQLException", Read("-Since '2026-11-27 10:00:03'", variables, "$remote")[0].Message);
        Assert.Equal([2, 4], Read("-Membership", variables, "$remote").Select(e => e.Time.Second));
    }
}
