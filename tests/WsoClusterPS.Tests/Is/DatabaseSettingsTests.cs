using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Toml;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

public class DatabaseSettingsTests
{
    private static DatabaseSettings Settings(Dictionary<string, string> options = null, Dictionary<string, object> pool = null) =>
        new("db.example", 3306, "wso2", "pw", "regdb", "regdb", null, "database_unique_id", options, pool);

    [Fact]
    public void Both_databases_are_written_as_mysql_and_the_stock_h2_url_goes()
    {
        var toml = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        Settings().ApplyTo(toml);
        Assert.Contains("[database.identity_db]\ntype = \"mysql\"\nusername = \"wso2\"\npassword = \"pw\"\nhostname = \"db.example\"\nname = \"regdb\"\nport = \"3306\"\ndriver = \"com.mysql.cj.jdbc.Driver\"\n\n[database.shared_db]", toml.Text);
        Assert.DoesNotContain("jdbc:h2", toml.Text);
        Assert.Contains("[user_store]\ntype = \"database_unique_id\"\n", toml.Text);
    }

    [Fact]
    public void Connection_options_make_a_url_with_xml_escaped_ampersands()
    {
        var toml = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        Settings(new() { ["useSSL"] = "false", ["allowPublicKeyRetrieval"] = "true" }).ApplyTo(toml);
        Assert.Contains("url = \"jdbc:mysql://db.example:3306/regdb?allowPublicKeyRetrieval=true&amp;useSSL=false\"\n", toml.Text);
    }

    [Fact]
    public void Pool_options_go_to_their_own_table_with_their_types()
    {
        var toml = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        Settings(pool: new() { ["maxActive"] = 80, ["testOnBorrow"] = true, ["validationQuery"] = "SELECT 1" }).ApplyTo(toml);
        Assert.Contains("[database.shared_db.pool_options]\nmaxActive = 80\ntestOnBorrow = true\nvalidationQuery = \"SELECT 1\"\n", toml.Text);
    }

    [Fact]
    public void The_same_settings_twice_change_nothing()
    {
        var toml = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        Settings(new() { ["useSSL"] = "false" }).ApplyTo(toml);
        var again = TomlEditor.Parse(toml.Text, "deployment.toml");
        Settings(new() { ["useSSL"] = "false" }).ApplyTo(again);
        Assert.False(again.Changed);
    }

    [Theory]
    [InlineData("reg`db")]
    [InlineData("reg db")]
    [InlineData("regdb;drop")]
    public void Database_names_that_are_not_plain_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new DatabaseSettings("db", 3306, "u", "p", name, name, null, "database_unique_id", null, null));

    [Fact]
    public void An_option_that_could_break_the_url_is_refused() =>
        Assert.Throws<ArgumentException>(() => Settings(new() { ["useSSL"] = "false&evil=1" }));

    [Fact]
    public void The_password_never_shows_in_a_diff()
    {
        var home = Path.Combine(Path.GetTempPath(), "wsoclusterps-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        try
        {
            var path = Path.Combine(home, "deployment.toml");
            File.WriteAllText(path, StandInPack.DeploymentToml);
            const string secret = "pa\"ss&word";
            var settings = new DatabaseSettings("db", 3306, "u", secret, "regdb", "regdb", null, "database_unique_id", null, null);
            var edit = WsoClusterPS.Engine.Files.FileEdit.OfToml(LocalHost.Instance, path, settings.ApplyTo);
            Assert.Contains("+password = \"********\"", edit.Diff);
            Assert.DoesNotContain("ss&word", edit.Diff);
            Assert.Contains("pa\\\"ss&word", edit.NewText);
        }
        finally { Directory.Delete(home, true); }
    }

    /// <summary>What WSO2's config mapper makes of the value: it pastes it between &lt;password&gt; tags in master-datasources.xml.</summary>
    private static string AsXmlReadsIt(string tomlValue)
    {
        var xml = new System.Xml.XmlDocument();
        xml.LoadXml("<configuration><password>" + tomlValue + "</password></configuration>");
        return xml.DocumentElement!.InnerText;
    }

    [Theory]
    [InlineData("plain-Pa55")]
    [InlineData("p&ss")]
    [InlineData("a<b>c")]
    [InlineData("x]]>y")]
    [InlineData("]]>]]><![CDATA[&amp;")]
    public void A_password_reaches_the_xml_wso2_generates_intact(string password)
    {
        var toml = TomlEditor.Parse(StandInPack.DeploymentToml, "deployment.toml");
        new DatabaseSettings("db", 3306, "wso2&is", password, "regdb", "regdb", null, "database_unique_id", null, null).ApplyTo(toml);

        var written = (string)toml.Get("database.identity_db", "password");
        Assert.Equal(password, AsXmlReadsIt(written));
        Assert.Equal("wso2&is", AsXmlReadsIt((string)toml.Get("database.identity_db", "username")));
        if (password == "plain-Pa55") Assert.Equal(password, written);
        var again = TomlEditor.Parse(toml.Text, "deployment.toml");
        new DatabaseSettings("db", 3306, "wso2&is", password, "regdb", "regdb", null, "database_unique_id", null, null).ApplyTo(again);
        Assert.False(again.Changed, "a second run changes nothing");
    }
}
