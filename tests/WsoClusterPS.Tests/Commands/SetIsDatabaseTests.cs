using System.Management.Automation;
using System.Security;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

[Collection(MariaDbCollection.Name)]
public class SetIsDatabaseTests : InTempFolder
{
    private readonly MariaDbServer _mariaDb;
    private readonly CmdletHost _host;

    public SetIsDatabaseTests(MariaDbServer mariaDb)
    {
        _mariaDb = mariaDb;
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private static PSCredential Credential(string user, string password)
    {
        var secure = new SecureString();
        foreach (var c in password) secure.AppendChar(c);
        return new PSCredential(user, secure);
    }

    private Dictionary<string, object> Variables(string password = MariaDbServer.IsPassword) => new()
    {
        ["cred"] = Credential(MariaDbServer.IsUser, password), ["admin"] = Credential(MariaDbServer.AdminUser, MariaDbServer.AdminPassword),
        ["port"] = _mariaDb.Port, ["db"] = MariaDbServer.NewDatabaseName(),
    };

    private string Toml(string node) => File.ReadAllText(Temp.Combine(node, "repository", "conf", "deployment.toml"));

    private static IEnumerable<string> AllText(CmdletHost.Result result) =>
        result.Verbose.Concat(result.Warnings).Concat(result.Console).Concat(result.Errors.Select(e => e.ToString() + e.Exception)).Concat(result.Output.Select(o => o.ToString()));

    [NeedsFact("mariadbd")]
    public void Every_node_points_at_the_database_and_the_schema_is_created_once()
    {
        var variables = Variables();
        var result = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred -InitializeSchema -PassThru -Verbose", variables);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Objects<IsNode>().Count());
        Assert.Contains("UM_TENANT", _mariaDb.Tables((string)variables["db"]));
        foreach (var node in new[] { "manager", "worker" })
        {
            Assert.Contains($"[database.shared_db]\ntype = \"mysql\"\nusername = \"{MariaDbServer.IsUser}\"\npassword = \"<![CDATA[S3cr;t & 'pw]]>\"\nhostname = \"127.0.0.1\"\nname = \"{variables["db"]}\"\nport = \"{_mariaDb.Port}\"\n", Toml(node));
        }
        Assert.Contains(result.Verbose, v => v == "dbscripts/mysql.sql: 3 statements run in '" + variables["db"] + "'.");
        Assert.Contains(result.Verbose, v => v == "dbscripts/consent/mysql.sql: 1 statement run in '" + variables["db"] + "'.");
        Assert.DoesNotContain(AllText(result), t => t.Contains(MariaDbServer.IsPassword));

        var again = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred -InitializeSchema -Verbose", variables);
        Assert.Empty(again.Errors);
        Assert.Contains(again.Verbose, v => v.StartsWith("dbscripts/mysql.sql: already installed"));
        Assert.Equal(2, again.Verbose.Count(v => v.EndsWith("unchanged, not rewritten.")));
    }

    [NeedsFact("mariadbd")]
    public void A_wrong_password_fails_the_schema_step_and_touches_no_file()
    {
        var before = Toml("manager");
        var result = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred -InitializeSchema", Variables("Not-the-pw1"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsDatabaseAccessDenied", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(before, Toml("manager"));
        Assert.DoesNotContain(AllText(result), t => t.Contains("Not-the-pw1"));
    }

    [NeedsFact("mariadbd")]
    public void A_database_the_account_may_not_create_asks_for_the_admin_and_the_admin_makes_it()
    {
        var variables = Variables();
        variables["db"] = "other" + Guid.NewGuid().ToString("N")[..6];
        var refused = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred -InitializeSchema", variables);
        Assert.Equal("SetIsDatabaseMissingDatabase", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.DoesNotContain("mysql", Toml("worker").Split("[database.identity_db]")[1].Split("\n")[1]);

        var made = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred -AdminCredential $admin -InitializeSchema", variables);
        Assert.Empty(made.Errors);
        Assert.Contains("IDN_BASE_TABLE", _mariaDb.Tables((string)variables["db"]));
    }

    [Fact]
    public void WhatIf_shows_the_diff_with_the_password_masked_and_writes_nothing()
    {
        var before = Toml("manager");
        var result = _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -WhatIf -Verbose", Variables());
        Assert.Empty(result.Errors);
        Assert.Equal(before, Toml("manager"));
        var shown = string.Join("\n", result.Console);
        Assert.Contains("What if: ", shown);
        Assert.Contains("+hostname = \"db.example\"", shown);
        Assert.Contains("+password = \"********\"", shown);
        Assert.DoesNotContain(AllText(result), t => t.Contains(MariaDbServer.IsPassword));
    }

    [Fact]
    public void Changing_the_password_shows_neither_the_old_nor_the_new_one()
    {
        Assert.Empty(_host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred", Variables("Old-pw1")).Errors);
        var result = _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -WhatIf -Verbose", Variables("p"));
        Assert.Empty(result.Errors);
        var shown = string.Join("\n", result.Console);
        Assert.Contains("-password = \"********\"", shown);
        Assert.Contains("+password = \"********\"", shown);
        Assert.DoesNotContain(AllText(result), t => t.Contains("Old-pw1"));
        // A one-letter password masks its value only: the rest of the diff reads as written.
        Assert.Contains(" type = \"mysql\"", shown);
        Assert.Contains("Old-pw1", Toml("manager"));
    }

    [Fact]
    public void A_plain_password_makes_the_file_and_its_backup_readable_by_their_owner_only()
    {
        var path = Temp.Combine("manager", "repository", "conf", "deployment.toml");
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(path));
        Assert.Empty(_host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -Backup", Variables("Plain-pw1")).Errors);
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(path));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(path + ".bak"));
    }

    [Fact]
    public void The_driver_jar_replaces_an_older_one_and_is_copied_once()
    {
        var lib = Temp.Combine("manager", "repository", "components", "lib");
        File.WriteAllText(Path.Combine(lib, "mysql-connector-java-5.1.49.jar"), "old driver");
        File.WriteAllText(Temp.Combine("mysql-connector-j-8.4.0.jar"), "new driver");
        var variables = Variables();
        var first = _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -JdbcDriverPath ./mysql-connector-j-8.4.0.jar", variables);
        Assert.Empty(first.Errors);
        Assert.Equal(["README.txt", "mysql-connector-j-8.4.0.jar"], Directory.GetFiles(lib).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Temp.Combine("worker", "repository", "components", "lib", "mysql-connector-j-8.4.0.jar")));

        var again = _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -JdbcDriverPath ./mysql-connector-j-8.4.0.jar -Verbose", variables);
        Assert.Equal(2, again.Verbose.Count(v => v.EndsWith("the driver is current.")));
    }

    [Fact]
    public void A_missing_driver_jar_is_reported_per_node_and_nothing_is_written()
    {
        var before = Toml("manager");
        var result = _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -JdbcDriverPath ./nope.jar", Variables());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
        Assert.Equal(before, Toml("manager"));
    }

    [Fact]
    public void A_pack_without_dbscripts_is_reported()
    {
        Directory.Delete(Temp.Combine("manager", "dbscripts"), recursive: true);
        var before = Toml("manager");
        var result = _host.Run("$nodes | Set-IsDatabase -Server 127.0.0.1 -Port 1 -Database regdb -Credential $cred -InitializeSchema", Variables());
        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsDatabaseMissingScripts", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("has no dbscripts/ folder", error.Exception.Message);
        Assert.Equal(before, Toml("manager"));
    }
}
