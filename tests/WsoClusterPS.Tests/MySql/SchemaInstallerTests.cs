using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.MySql;

[Collection(MariaDbCollection.Name)]
public class SchemaInstallerTests(MariaDbServer mariaDb) : InTempFolder
{
    private DatabaseServer IsAccount(string password = MariaDbServer.IsPassword) => new("127.0.0.1", mariaDb.Port, MariaDbServer.IsUser, password);
    private DatabaseServer Admin => new("127.0.0.1", mariaDb.Port, MariaDbServer.AdminUser, MariaDbServer.AdminPassword);

    private IReadOnlyList<SchemaTarget> StandInTargets(string database)
    {
        var pack = StandInPack.Make(Temp.Combine("pack"), asFolder: true);
        var settings = new DatabaseSettings("127.0.0.1", mariaDb.Port, MariaDbServer.IsUser, MariaDbServer.IsPassword, database, database, null, "database_unique_id", null, null);
        return SchemaCatalogue.For(LocalHost.Instance, Path.Combine(pack, "wso2is-7.1.0"), settings);
    }

    [NeedsFact("mariadbd")]
    public void The_pack_scripts_run_once_and_a_second_run_is_a_no_op()
    {
        var database = MariaDbServer.NewDatabaseName();
        var progress = new List<SchemaProgress>();
        var first = SchemaInstaller.Install(IsAccount(), null, StandInTargets(database), progress.Add, CancellationToken.None);

        Assert.Equal(["dbscripts/mysql.sql", "dbscripts/identity/mysql.sql", "dbscripts/consent/mysql.sql"], first.Select(r => r.Script));
        Assert.All(first, r => Assert.False(r.AlreadyInstalled));
        Assert.Equal(["CM_PII_CATEGORY", "IDN_BASE_TABLE", "IDN_OAUTH_CONSUMER_APPS", "REG_CLUSTER_LOCK", "UM_TENANT"], mariaDb.Tables(database));
        Assert.NotEmpty(progress);
        using (var connection = mariaDb.Open(database: database))
        {
            using var email = new MySqlConnector.MySqlCommand("SELECT UM_EMAIL FROM UM_TENANT", connection);
            Assert.Equal("admin@wso2.com; ops@wso2.com", email.ExecuteScalar());
            using var procedure = new MySqlConnector.MySqlCommand("SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'WSO2_STANDIN_CLEANUP'", connection);
            Assert.Equal(1L, Convert.ToInt64(procedure.ExecuteScalar()));
        }

        var second = SchemaInstaller.Install(IsAccount(), null, StandInTargets(database), null, CancellationToken.None);
        Assert.All(second, r => Assert.True(r.AlreadyInstalled));
    }

    [NeedsFact("mariadbd")]
    public void A_half_installed_schema_is_reported_and_nothing_is_run()
    {
        var database = MariaDbServer.NewDatabaseName();
        using (var connection = mariaDb.Open())
            MariaDbServer.Execute(connection, $"CREATE DATABASE {database}; CREATE TABLE {database}.UM_TENANT (UM_ID INT)");

        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(IsAccount(), null, StandInTargets(database), null, CancellationToken.None));
        Assert.Equal(SchemaProblem.HalfInstalled, error.Problem);
        Assert.Contains($"'{database}' holds 1 of the 2 tables dbscripts/mysql.sql creates (it has UM_TENANT; it lacks REG_CLUSTER_LOCK)", error.Message);
        Assert.Equal(["UM_TENANT"], mariaDb.Tables(database));
    }

    [NeedsFact("mariadbd")]
    public void A_wrong_password_is_refused_without_showing_it()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(IsAccount("wrong-Pa55"), null, StandInTargets(MariaDbServer.NewDatabaseName()), null, CancellationToken.None));
        Assert.Equal(SchemaProblem.AccessDenied, error.Problem);
        Assert.Contains($"refused the user '{MariaDbServer.IsUser}'", error.Message);
        Assert.DoesNotContain("wrong-Pa55", error.ToString());
    }

    [NeedsFact("mariadbd")]
    public void An_unreachable_server_says_where_it_looked()
    {
        var closed = FreePorts.One();
        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(new DatabaseServer("127.0.0.1", closed, "x", "y"), null, StandInTargets(MariaDbServer.NewDatabaseName()), null, CancellationToken.None));
        Assert.Equal(SchemaProblem.Unreachable, error.Problem);
        Assert.Contains($"Cannot reach the MySQL server at 127.0.0.1:{closed}", error.Message);
    }

    [NeedsFact("mariadbd")]
    public void A_database_the_is_account_may_not_create_needs_the_admin()
    {
        var database = "other" + Guid.NewGuid().ToString("N")[..6];
        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(IsAccount(), null, StandInTargets(database), null, CancellationToken.None));
        Assert.Equal(SchemaProblem.MissingDatabase, error.Problem);
        Assert.Contains($"The database '{database}' does not exist", error.Message);
        Assert.Contains("Give -AdminCredential", error.Message);

        SchemaInstaller.Install(IsAccount(), Admin, StandInTargets(database), null, CancellationToken.None);
        Assert.Contains("UM_TENANT", mariaDb.Tables(database));
        using var connection = mariaDb.Open();
        using var charset = new MySqlConnector.MySqlCommand($"SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{database}'", connection);
        Assert.Equal("latin1", charset.ExecuteScalar());
    }

    [NeedsFact("mariadbd")]
    public void A_failing_statement_names_the_script_its_line_and_its_first_line()
    {
        // A syntax error: the server says where in the statement ("at line 4"), so the script line is exact.
        var script = new SchemaScript("dbscripts/broken.sql", "CREATE TABLE GOOD (X INT);\n\n-- next one is wrong\nCREATE TABLE BAD (\n  X INT,\n  Y INT DEFAULT\n);\n");
        var database = MariaDbServer.NewDatabaseName();
        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(IsAccount(), null, [new SchemaTarget(database, [script])], null, CancellationToken.None));
        Assert.Equal(SchemaProblem.StatementFailed, error.Problem);
        Assert.StartsWith($"dbscripts/broken.sql line 7 failed in database '{database}' (the statement starting \"CREATE TABLE BAD (\" on line 4)", error.Message);
        Assert.Contains("The 1 statement(s) before it ran and stay", error.Message);

        // Without a position from the server, the statement's own first line is named.
        var unknownType = new SchemaScript("dbscripts/type.sql", "\nCREATE TABLE ODD (\n  Y NOSUCHTYPE\n);\n");
        var other = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(IsAccount(), null, [new SchemaTarget(MariaDbServer.NewDatabaseName(), [unknownType])], null, CancellationToken.None));
        Assert.StartsWith("dbscripts/type.sql line 2 failed", other.Message);
    }

    [NeedsSharedFact("mariadbd")]
    public void The_real_wso2_shared_and_identity_scripts_install()
    {
        var scripts = Path.Combine(Repo.SharedWso2, "dbscripts");
        var shared = MariaDbServer.NewDatabaseName();
        var identity = MariaDbServer.NewDatabaseName();
        SchemaInstaller.Install(IsAccount(), null,
        [
            new SchemaTarget(shared, [new SchemaScript("dbscripts/mysql.sql", File.ReadAllText(Path.Combine(scripts, "shared-db_mysql_kernel-4.10.42.sql")))]),
            new SchemaTarget(identity, [new SchemaScript("dbscripts/identity/mysql.sql", File.ReadAllText(Path.Combine(scripts, "identity-db_mysql_is-7.x.sql")))]),
        ], null, CancellationToken.None);
        Assert.Contains("UM_TENANT", mariaDb.Tables(shared));
        Assert.Contains("REG_CLUSTER_LOCK", mariaDb.Tables(shared));
        Assert.Contains("IDN_BASE_TABLE", mariaDb.Tables(identity));
        Assert.True(mariaDb.Tables(identity).Count > 100);
    }

    [NeedsFact("mariadbd")]
    public void A_server_killed_mid_schema_is_reported_as_a_lost_connection_with_what_a_re_run_will_find()
    {
        using var own = new MariaDbServer();
        var database = MariaDbServer.NewDatabaseName();
        var script = new SchemaScript("dbscripts/many.sql", string.Concat(Enumerable.Range(0, 400).Select(i => $"CREATE TABLE T{i} (X INT);\n")));
        var error = Assert.Throws<SchemaException>(() => SchemaInstaller.Install(
            new DatabaseServer("127.0.0.1", own.Port, MariaDbServer.AdminUser, MariaDbServer.AdminPassword), null,
            [new SchemaTarget(database, [script])], step => { if (step.StatementsDone >= 20) own.Crash(); }, CancellationToken.None));
        Assert.Equal(SchemaProblem.Unreachable, error.Problem);
        Assert.Contains("The connection to the database server was lost while dbscripts/many.sql line", error.Message);
        Assert.Contains("a re-run will report a half-installed schema", error.Message);
    }
}
