using WsoClusterPS.Engine.Toml;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Toml;

public class TomlEditorTests
{
    private static string Everything => File.ReadAllText(Repo.Fixture("everything.toml"));

    [Fact]
    public void Parse_then_text_is_the_input_byte_for_byte()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        Assert.Equal(Everything, editor.Text);
        Assert.False(editor.Changed);
    }

    [Fact]
    public void Replacing_a_value_keeps_the_comment_after_it()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetString("server", "hostname", "wso2.is");
        Assert.Contains("hostname = \"wso2.is\"  # the name users reach\n", editor.Text);
        Assert.Equal(Everything.Replace("\"localhost\"", "\"wso2.is\""), editor.Text);
    }

    [Fact]
    public void A_value_equal_in_meaning_is_left_as_written()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetString("server", "offset", "2");
        editor.SetString("server", "node_ip", "10.0.0.4");
        Assert.False(editor.Changed);
    }

    [Fact]
    public void Key_value_without_spaces_keeps_its_spacing_when_replaced()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetString("server", "node_ip", "10.0.0.5");
        Assert.Contains("\nnode_ip=\"10.0.0.5\"\n", editor.Text);
    }

    [Fact]
    public void Stale_members_are_replaced_in_the_array_layout_they_had()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetStringArray("clustering", "members", ["10.0.0.4:4000", "10.0.0.5:4001"]);
        Assert.Contains("members = [\n    \"10.0.0.4:4000\",\n    \"10.0.0.5:4001\",\n]\n", editor.Text);
        Assert.Equal(new object[] { "10.0.0.4:4000", "10.0.0.5:4001" }, (object[])editor.Get("clustering", "members"));
    }

    [Fact]
    public void Same_members_in_the_same_order_change_nothing()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetStringArray("clustering", "members", ["10.0.0.9:4000", "10.0.0.8:4000"]);
        Assert.False(editor.Changed);
    }

    [Fact]
    public void Quoted_dotted_keys_are_found_and_replaced()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        Assert.Equal("false", editor.Get("hazelcast", "\"hazelcast.shutdownhook.enabled\""));
        Assert.Equal("log4j2", editor.Get("hazelcast", "\"hazelcast.logging.type\""));
        editor.SetString("hazelcast", "\"hazelcast.shutdownhook.enabled\"", "true");
        editor.SetString("hazelcast", "\"hazelcast.max.no.heartbeat.seconds\"", "600");
        Assert.Contains("\"hazelcast.shutdownhook.enabled\" = \"true\"\n'hazelcast.logging.type' = \"log4j2\"\n\"hazelcast.max.no.heartbeat.seconds\" = \"600\"\n\n[[resource", editor.Text);
    }

    [Fact]
    public void A_new_key_goes_into_its_table_not_into_a_following_array_of_tables()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        editor.SetString("clustering", "domain", "wso2.is.domain");
        Assert.Contains("    \"10.0.0.8:4000\",\n]\ndomain = \"wso2.is.domain\"\n\n[hazelcast]", editor.Text);
        Assert.Equal(2, editor.Text.Split("[[resource.access_control]]").Length - 1);
    }

    [Fact]
    public void Keys_of_an_array_of_tables_are_never_taken_for_a_table_of_the_same_name()
    {
        var editor = TomlEditor.Parse(Everything, "everything.toml");
        Assert.Null(editor.Get("resource.access_control", "context"));
    }

    [Fact]
    public void A_new_table_goes_after_the_last_of_its_family()
    {
        var editor = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        editor.SetString("database.identity_db.pool_options", "maxActive", "80");
        Assert.Contains("password = \"wso2carbon\"\n\n[database.identity_db.pool_options]\nmaxActive = \"80\"\n\n[database.shared_db]", editor.Text);
    }

    [Fact]
    public void A_new_table_without_family_goes_after_the_live_tables_and_before_trailing_comments()
    {
        var editor = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        editor.SetString("clustering", "membership_scheme", "wka");
        Assert.Contains("app_password= \"dashboard\"\n\n[clustering]\nmembership_scheme = \"wka\"\n\n# Clustering is off", editor.Text);
    }

    [Fact]
    public void A_commented_out_table_stays_a_comment_and_the_real_one_is_added_once()
    {
        var editor = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        editor.SetString("clustering", "membership_scheme", "wka");
        editor.SetString("clustering", "local_member_port", "4001");
        var lines = editor.Text.Split('\n');
        Assert.Single(lines, l => l == "[clustering]");
        Assert.Single(lines, l => l == "#[clustering]");
        Assert.Contains("#local_member_port = \"4000\"", lines);
    }

    [Fact]
    public void Crlf_files_get_crlf_in_every_new_line()
    {
        var crlf = StandInPack.DeploymentToml.Replace("\n", "\r\n");
        var editor = TomlEditor.Parse(crlf, "deployment.toml");
        editor.SetString("clustering", "membership_scheme", "wka");
        editor.SetStringArray("clustering", "members", ["10.0.0.4:4000"]);
        editor.SetString("server", "offset", "1");
        Assert.DoesNotMatch("[^\r]\n", editor.Text);
        Assert.Contains("[clustering]\r\nmembership_scheme = \"wka\"\r\nmembers = [\"10.0.0.4:4000\"]\r\n", editor.Text);
    }

    [Fact]
    public void A_file_without_a_trailing_newline_takes_new_keys_and_tables()
    {
        var editor = TomlEditor.Parse("[server]\nhostname = \"a\" # last line", "deployment.toml");
        editor.SetString("server", "offset", "1");
        editor.SetString("clustering", "membership_scheme", "wka");
        Assert.Equal("[server]\nhostname = \"a\" # last line\noffset = \"1\"\n\n[clustering]\nmembership_scheme = \"wka\"\n", editor.Text);
    }

    [Fact]
    public void A_table_with_only_its_header_takes_a_key()
    {
        var editor = TomlEditor.Parse("[server]\n\n[super_admin]\nusername = \"admin\"\n", "deployment.toml");
        editor.SetString("server", "hostname", "wso2.is");
        Assert.Equal("[server]\nhostname = \"wso2.is\"\n\n[super_admin]\nusername = \"admin\"\n", editor.Text);
    }

    [Fact]
    public void A_dotted_key_in_a_parent_table_is_edited_where_it_is()
    {
        var editor = TomlEditor.Parse("[transport.https]\nproperties.proxyPort = 8443\nproperties.scheme = \"https\"\n", "deployment.toml");
        editor.SetInteger("transport.https.properties", "proxyPort", 443);
        editor.SetString("transport.https.properties", "secure", "true");
        Assert.Equal("[transport.https]\nproperties.proxyPort = 443\nproperties.scheme = \"https\"\nproperties.secure = \"true\"\n", editor.Text);
    }

    [Fact]
    public void An_empty_file_gets_its_first_table()
    {
        var editor = TomlEditor.Parse(string.Empty, "deployment.toml");
        editor.SetString("server", "hostname", "wso2.is");
        Assert.Equal("[server]\nhostname = \"wso2.is\"\n", editor.Text);
    }

    [Fact]
    public void Strings_are_escaped_as_toml_basic_strings()
    {
        var editor = TomlEditor.Parse("[a]\n", "x.toml");
        editor.SetString("a", "b", "say \"hi\" \\ there");
        Assert.Equal("say \"hi\" \\ there", TomlEditor.Parse(editor.Text, "x.toml").Get("a", "b"));
    }

    [Fact]
    public void A_file_that_does_not_parse_is_refused_with_line_and_column()
    {
        var error = Assert.Throws<TomlEditException>(() => TomlEditor.Parse("[server]\nhostname \"x\"\n", "/srv/is/deployment.toml"));
        Assert.Equal(2, error.Line);
        Assert.Equal(10, error.Column);
        Assert.StartsWith("/srv/is/deployment.toml line 2, column 10: Expecting `=`", error.Message);
        Assert.EndsWith("nothing was written.", error.Message);
    }

    [Fact]
    public void An_edit_that_would_redefine_a_table_is_refused_and_leaves_the_text()
    {
        const string text = "[transport.https]\nproperties = { proxyPort = 8443 }\n";
        var editor = TomlEditor.Parse(text, "deployment.toml");
        var error = Assert.Throws<TomlEditException>(() => editor.SetInteger("transport.https.properties", "proxyPort", 443));
        Assert.Contains("the edit would make the file invalid", error.Message);
        Assert.Equal(text, editor.Text);
    }

    [SharedFixtureTheory]
    [InlineData("is-5.11.0.toml")]
    [InlineData("is-6.1.0.toml")]
    [InlineData("is-7.0.0.toml")]
    [InlineData("is-7.1.0.toml")]
    [InlineData("is-7.3.0.toml")]
    public void Stock_files_round_trip_and_keep_every_line_through_a_clustering_edit(string stock)
    {
        var original = File.ReadAllText(Path.Combine(Repo.SharedWso2, "deployment-toml", stock));
        var editor = TomlEditor.Parse(original, stock);
        Assert.Equal(original, editor.Text);

        editor.SetString("clustering", "membership_scheme", "wka");
        editor.SetString("clustering", "local_member_host", "10.0.0.4");
        editor.SetString("clustering", "local_member_port", "4000");
        editor.SetStringArray("clustering", "members", ["10.0.0.4:4000", "10.0.0.5:4000"]);
        editor.SetString("server", "offset", "1");
        editor.SetInteger("transport.https.properties", "proxyPort", 443);

        var edited = editor.Text;
        Assert.True(IsSubsequence(original.Split('\n'), edited.Split('\n')), "every original line is still there, in order");
        var reread = TomlEditor.Parse(edited, stock);
        Assert.Equal("wka", reread.Get("clustering", "membership_scheme"));
        Assert.Equal(443L, reread.Get("transport.https.properties", "proxyPort"));
        Assert.Equal("localhost", reread.Get("server", "hostname"));

        reread.SetString("clustering", "membership_scheme", "wka");
        reread.SetStringArray("clustering", "members", ["10.0.0.4:4000", "10.0.0.5:4000"]);
        Assert.False(reread.Changed);
    }

    private static bool IsSubsequence(string[] small, string[] large)
    {
        var j = 0;
        foreach (var line in large)
            if (j < small.Length && line == small[j]) j++;
        return j == small.Length;
    }
}
