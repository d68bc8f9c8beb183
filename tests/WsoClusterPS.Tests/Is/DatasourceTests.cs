using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Toml;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Is;

/// <summary>Every datasource of a deployment.toml is found, the shared ones move, and the rest are named.</summary>
public class DatasourceTests
{
    private static DatabaseSettings Settings(string agent = null) =>
        new("db.example", 3306, "wso2", "pw", "identitydb", "shareddb", agent, "database_unique_id", null, null);

    /// <summary>Shaped like WSO2's documentation: a separate user store database named by [realm_manager], a consent
    /// datasource, the BPS database of IS 5.x, and a product's own datasource on its own server.</summary>
    private const string Documented = """
        [server]
        hostname = "localhost"

        [database.identity_db]
        type = "h2"
        url = "jdbc:h2:./repository/database/WSO2IDENTITY_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000"
        username = "wso2carbon"
        password = "wso2carbon"

        [database.shared_db]
        type = "mysql"
        url = "jdbc:mysql://old-db:3306/reg_db?useSSL=false"
        username = "wso2carbon"
        password = "wso2carbon"

        [database.user]
        url = "jdbc:h2:./repository/database/WSO2UM_DB;DB_CLOSE_ON_EXIT=FALSE"
        username = "wso2carbon"
        password = "wso2carbon"
        driver = "org.h2.Driver"

        [realm_manager]
        data_source = "WSO2USER_DB"

        [database.config]
        type = "mysql"
        hostname = "old-db"
        name = "config_db"
        username = "wso2carbon"
        password = "wso2carbon"

        [bps_database.config]
        url = "jdbc:h2:./repository/database/BPS_DS;DB_CLOSE_ON_EXIT=FALSE"
        username = "wso2carbon"
        password = "wso2carbon"

        # The consent datasource, as a [[datasource]] entry.
        [[datasource]]
        id = "WSO2ConsentDS"
        url = "jdbc:h2:./repository/database/WSO2IS_CONSENT_DB;DB_CLOSE_ON_EXIT=FALSE"
        username = "wso2carbon"
        password = "wso2carbon"
        driver = "org.h2.Driver"

        [[datasource]]
        id = "WSO2OB_DB"
        url = "jdbc:mysql://ob-db:3306/openbank?useSSL=false"
        username = "ob"
        password = "ob-secret"
        driver = "com.mysql.cj.jdbc.Driver"

        """;

    [Fact]
    public void Every_datasource_is_found_with_its_table_its_database_and_where_it_points()
    {
        var found = Datasources.Find(TomlEditor.Parse(Documented, "deployment.toml"));
        Assert.Equal(
            [
                ("database.identity_db", DatasourceShare.Identity, "the embedded H2 (./repository/database/WSO2IDENTITY_DB)"),
                ("database.shared_db", DatasourceShare.Shared, "mysql://old-db:3306/reg_db"),
                ("database.user", DatasourceShare.Shared, "the embedded H2 (./repository/database/WSO2UM_DB)"),
                ("database.config", DatasourceShare.Shared, "mysql://old-db:3306/config_db"),
                ("bps_database.config", DatasourceShare.None, "the embedded H2 (./repository/database/BPS_DS)"),
                ("datasource[0]", DatasourceShare.Identity, "the embedded H2 (./repository/database/WSO2IS_CONSENT_DB)"),
                ("datasource[1]", DatasourceShare.None, "mysql://ob-db:3306/openbank"),
            ],
            found.Select(d => (d.Table, d.Share, d.Location)));
    }

    [Fact]
    public void The_shared_datasources_move_and_the_others_are_named_as_left_behind()
    {
        var toml = TomlEditor.Parse(Documented, "deployment.toml");
        var settings = Settings();
        settings.ApplyTo(toml);

        var moved = Datasources.Find(toml).Where(d => d.Share != DatasourceShare.None).ToList();
        Assert.All(moved, d => Assert.True(d.IsOn("db.example:3306"), $"[{d.Table}] is {d.Location}"));
        Assert.Equal(["mysql://db.example:3306/identitydb", "mysql://db.example:3306/shareddb", "mysql://db.example:3306/shareddb",
            "mysql://db.example:3306/shareddb", "mysql://db.example:3306/identitydb"], moved.Select(d => d.Location));
        Assert.Contains("[[datasource]]\nid = \"WSO2ConsentDS\"\nurl = \"jdbc:mysql://db.example:3306/identitydb\"\nusername = \"wso2\"\n" +
            "password = \"pw\"\ndriver = \"com.mysql.cj.jdbc.Driver\"\n", toml.Text);
        Assert.Contains("# The consent datasource, as a [[datasource]] entry.\n", toml.Text);
        Assert.Contains("[realm_manager]\ndata_source = \"WSO2USER_DB\"\n", toml.Text);
        Assert.Contains("id = \"WSO2OB_DB\"\nurl = \"jdbc:mysql://ob-db:3306/openbank?useSSL=false\"\nusername = \"ob\"\npassword = \"ob-secret\"", toml.Text);

        Assert.Equal(["bps_database.config", "datasource[1]"], LeftBehind(toml));
        var again = TomlEditor.Parse(toml.Text, "deployment.toml");
        settings.ApplyTo(again);
        Assert.False(again.Changed, "a second run changes nothing");
    }

    [Fact]
    public void A_datasource_the_realm_manager_names_is_shared_user_data()
    {
        var toml = TomlEditor.Parse("[realm_manager]\ndata_source = \"WSO2UserStoreDS\"\n\n[[datasource]]\nid = \"WSO2UserStoreDS\"\n" +
            "url = \"jdbc:h2:./repository/database/UM\"\n", "deployment.toml");
        Assert.Equal(DatasourceShare.Shared, Datasources.Find(toml).Single(d => d.Table == "datasource[0]").Share);
    }

    [SharedFixtureTheory]
    [InlineData("is-5.11.0.toml", null)]
    [InlineData("is-6.1.0.toml", null)]
    [InlineData("is-7.0.0.toml", null)]
    [InlineData("is-7.1.0.toml", null)]
    [InlineData("is-7.3.0.toml", "datasource.AgentIdentity")]
    public void A_stock_file_keeps_only_what_was_not_asked_for_on_an_embedded_h2(string stock, string leftBehind)
    {
        var toml = TomlEditor.Parse(File.ReadAllText(Path.Combine(Repo.SharedWso2, "deployment-toml", stock)), stock);
        Assert.All(Datasources.Find(toml), d => Assert.True(d.IsEmbedded, $"[{d.Table}] of the stock file is {d.Location}"));
        var settings = Settings();
        settings.ApplyTo(toml);
        Assert.Equal(leftBehind == null ? Array.Empty<string>() : [leftBehind], LeftBehind(toml));

        var withAgent = Settings("agentdb");
        withAgent.ApplyTo(toml);
        Assert.Empty(LeftBehind(toml));
    }

    /// <summary>The datasources of an edited file that are not on db.example.</summary>
    private static IEnumerable<string> LeftBehind(TomlEditor toml) =>
        Datasources.Find(toml).Where(d => d.IsEmbedded || !d.IsOn("db.example:3306")).Select(d => d.Table);

    private const string UserStoreOnSqlServer = """
        [database.identity_db]
        type = "mysql"
        hostname = "old-mysql"
        name = "identity"

        [database.shared_db]
        type = "mysql"
        hostname = "old-mysql"
        name = "shared"

        [database.user]
        type = "mssql"
        url = "jdbc:sqlserver://sql.corp:1433;databaseName=users"
        username = "is"
        password = "x"

        [database.consent]
        type = "mysql"
        hostname = "$env{CONSENT_DB_HOST}"
        name = "consent"

        """;

    [Fact]
    public void A_user_store_on_another_server_and_a_placeholder_stay_where_they_are_and_are_named()
    {
        var toml = TomlEditor.Parse(UserStoreOnSqlServer, "deployment.toml");
        var settings = Settings();
        var warnings = settings.Warnings("manager", toml).ToList();
        settings.ApplyTo(toml);

        Assert.Equal(["database.user", "database.consent"], LeftBehind(toml));
        Assert.Contains("url = \"jdbc:sqlserver://sql.corp:1433;databaseName=users\"", toml.Text);
        Assert.Contains("hostname = \"$env{CONSENT_DB_HOST}\"", toml.Text);
        Assert.Equal(4, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("[database.identity_db] moves from mysql://old-mysql:3306/identity") &&
                                       w.Contains("not copied"));
        Assert.Contains(warnings, w => w.Contains("[database.user] stays on sqlserver://sql.corp:1433") &&
                                       w.Contains("-Datasource 'database.user'"));
        Assert.Contains(warnings, w => w.Contains("[database.consent]") && w.Contains("$env{}"));
    }

    [Fact]
    public void A_datasource_named_with_Datasource_moves_wherever_it_pointed_and_says_its_data_stays()
    {
        var toml = TomlEditor.Parse(UserStoreOnSqlServer, "deployment.toml");
        var settings = new DatabaseSettings("db.example", 3306, "wso2", "pw", "identitydb", "shareddb", null, "database_unique_id", null,
            null, ["database.user", "database.consent"]);
        var warnings = settings.Warnings("manager", toml).ToList();
        settings.ApplyTo(toml);

        Assert.Empty(LeftBehind(toml));
        Assert.Contains(warnings, w => w.Contains("[database.user] moves from sqlserver://sql.corp:1433/") && w.Contains("not copied"));
    }

    [Fact]
    public void A_file_without_the_database_tables_is_on_the_embedded_h2()
    {
        var found = Datasources.Find(TomlEditor.Parse("[server]\nhostname = \"x\"\n", "deployment.toml"));
        Assert.Equal(["the embedded H2 (the file has no [database.identity_db])", "the embedded H2 (the file has no [database.shared_db])"],
            found.Select(d => d.Location));
    }
}
