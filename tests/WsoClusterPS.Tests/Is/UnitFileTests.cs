using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>The unit Install-IsNodeService writes, read back by systemd's own checker: paths systemd would mangle (a
/// blank, a %, a $) come out as the node's real paths, and values that would end a setting early are refused.</summary>
public class UnitFileTests : InTempFolder
{
    private NodeRecord NodeAt(string home, string name = "node1")
    {
        Directory.CreateDirectory(Path.Combine(home, "bin"));
        File.WriteAllText(Path.Combine(home, "bin", "wso2server.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(home, "bin", "wso2server.sh"), (UnixFileMode)0x1ED);
        return new NodeRecord(LocalHost.Instance, home, name, NodeRole.Worker, 0, "127.0.0.1", 4000, "wso2.is");
    }

    [NeedsFact("systemd-analyze")]
    public void A_home_with_a_blank_a_percent_and_a_dollar_is_written_so_that_systemd_finds_the_real_script()
    {
        var home = Temp.Combine("IS 100% $HOME");
        var text = UnitFile.Render(NodeAt(home), new UnitSettings { MemoryOptions = "-Xms1g -Xmx1g" }, "root", "root", "/usr/lib/jvm/my \"jdk\"", secureVault: true);
        var unit = Temp.Combine("wso2is-node1.service");
        File.WriteAllText(unit, text);

        Assert.Contains($"\nWorkingDirectory={home.Replace("%", "%%")}\n", text);
        Assert.Contains($"\nExecStart=\"{home.Replace("%", "%%")}/bin/wso2server.sh\" start\n", text);
        Assert.Contains("\nEnvironment=\"JAVA_HOME=/usr/lib/jvm/my \\\"jdk\\\"\"\n", text);
        Assert.Contains($"\nConditionPathExists={home.Replace("%", "%%")}/password-tmp\n", text);
        Assert.Equal(home, UnitFile.WrittenFor(text));
        // verify fails when ExecStart's path, unquoted and unescaped, is not the executable script.
        var (exit, said) = StandInSystemd.Verify(unit);
        Assert.True(exit == 0 && said.Length == 0, $"systemd-analyze verify: exit {exit}: {said}");

        File.Delete(Path.Combine(home, "bin", "wso2server.sh"));
        Assert.Contains("is not executable", StandInSystemd.Verify(unit).Said);
    }

    [Fact]
    public void A_value_with_a_line_break_and_a_name_systemd_refuses_are_errors_that_say_what_to_do()
    {
        var check = Assert.Throws<ServiceException>(() => UnitFile.Check("-MemoryOptions", "-Xmx1g\nExecStartPre=/bin/sh"));
        Assert.Equal(ServiceProblem.InvalidSetting, check.Problem);
        Assert.Contains("'-Xmx1g\\x0aExecStartPre=/bin/sh' holds a line break", check.Message);

        var node = NodeAt(Temp.Combine("node"), "my node");
        Assert.Contains("The node's name 'my node' makes it; give -Name", Assert.Throws<ServiceException>(() => UnitFile.NameFor(node, null)).Message);
        Assert.Equal("wso2is-a.service", UnitFile.NameFor(node, "wso2is-a"));
        Assert.Equal("wso2is-a.service", UnitFile.NameFor(node, "wso2is-a.service"));
        Assert.Throws<ServiceException>(() => UnitFile.NameFor(node, "../../etc/passwd"));
        Assert.Throws<ServiceException>(() => UnitFile.NameFor(node, ".service"));
        Assert.Null(UnitFile.WrittenFor("[Service]\nExecStart=/bin/true\n"));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/systemd/system/../../passwd.service")]
    [InlineData("/etc/systemd/system/multi-user.target.wants/x.service")]
    [InlineData("/etc/systemd/system/.service")]
    [InlineData("/etc/systemd/system/sshd.socket")]
    public void A_record_in_the_home_that_names_anything_but_a_unit_file_in_etc_systemd_system_counts_as_none(string named)
    {
        // The home's owner can write the record, and root acts on it (Uninstall-IsNodeService -Force deletes what it names).
        var node = NodeAt(Temp.Combine("node"));
        File.WriteAllText(NodeUnit.RecordPath(node), NodeUnit.RenderRecord(named));
        Assert.Null(NodeUnit.Recorded(node));

        File.WriteAllText(NodeUnit.RecordPath(node), NodeUnit.RenderRecord("/etc/systemd/system/wso2is-node1.service"));
        Assert.Equal("/etc/systemd/system/wso2is-node1.service", NodeUnit.Recorded(node));
    }

}
