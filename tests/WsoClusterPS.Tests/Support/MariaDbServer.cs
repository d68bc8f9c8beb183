using System.Diagnostics;
using MySqlConnector;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A real MariaDB from the OS package, started once for the test run: a temp datadir from
/// mariadb-install-db, mariadbd on 127.0.0.1 and a free port, no systemd. It has an admin
/// account and an IS account that may only use databases named wsois*.
/// </summary>
public sealed class MariaDbServer : IDisposable
{
    public const string AdminUser = "dbadmin";
    public const string AdminPassword = "Adm1n-pw";
    public const string IsUser = "wso2is";

    /// <summary>With characters that trip naive quoting: ; &amp; ' and a space.</summary>
    public const string IsPassword = "S3cr;t & 'pw";

    private readonly Process _server;
    private static int _databases;

    public MariaDbServer()
    {
        if (RealPart.SkipReason("mariadbd") != null) return;
        Folder = Path.Combine(Path.GetTempPath(), "wsoclusterps-mariadb-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        Port = FreePorts.One();
        Run(RealPart.Require("mariadb-install-db"), "--no-defaults", $"--datadir={Folder}/data", "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db");
        var start = new ProcessStartInfo(RealPart.Require("mariadbd")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--no-defaults", "--user=root", $"--datadir={Folder}/data", $"--socket={Folder}/mysqld.sock", $"--port={Port}",
                     "--bind-address=127.0.0.1", $"--pid-file={Folder}/mysqld.pid", $"--log-error={Folder}/error.log", "--skip-log-bin", "--innodb-buffer-pool-size=64M" })
            start.ArgumentList.Add(argument);
        _server = Process.Start(start)!;
        try
        {
            WaitUntilReady();
        }
        catch
        {
            // A server that never became ready must not outlive the test run.
            _server.Kill(entireProcessTree: true);
            throw;
        }
        using var root = Open("root", string.Empty);
        Execute(root, $"CREATE USER '{AdminUser}'@'%' IDENTIFIED BY '{AdminPassword}'; GRANT ALL PRIVILEGES ON *.* TO '{AdminUser}'@'%' WITH GRANT OPTION;" +
                      $"CREATE USER '{IsUser}'@'%' IDENTIFIED BY '{IsPassword.Replace("'", "''")}'; GRANT ALL PRIVILEGES ON `wsois%`.* TO '{IsUser}'@'%';");
    }

    /// <summary>Kills the server as a crash would (SIGKILL), mid-work if need be.</summary>
    public void Crash()
    {
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit();
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>A database name no other test uses, that the IS account may create.</summary>
    /// <summary>The IS account as a PSCredential, as -Credential takes it.</summary>
    public static System.Management.Automation.PSCredential IsCredential()
    {
        var secure = new System.Security.SecureString();
        foreach (var c in IsPassword) secure.AppendChar(c);
        return new System.Management.Automation.PSCredential(IsUser, secure);
    }

    public static string NewDatabaseName() => $"wsois{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";

    public MySqlConnection Open(string user = AdminUser, string password = AdminPassword, string database = null)
    {
        var builder = new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = (uint)Port, UserID = user, Password = password, AllowUserVariables = true, Pooling = false };
        if (database != null) builder.Database = database;
        var connection = new MySqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    public List<string> Databases()
    {
        using var connection = Open();
        using var command = new MySqlCommand("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA", connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    public List<string> Tables(string database)
    {
        using var connection = Open();
        using var command = new MySqlCommand("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME", connection);
        command.Parameters.AddWithValue("@db", database);
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    public static void Execute(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { using var c = Open("root", string.Empty); return; }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !_server.HasExited) { Thread.Sleep(200); }
            catch (MySqlException e)
            {
                throw new InvalidOperationException($"MariaDB did not start: {e.Message}\n{File.ReadAllText(Path.Combine(Folder, "error.log"))}");
            }
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {output}");
    }

    public void Dispose()
    {
        if (_server == null) return;
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit(10000);
        _server.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
    public const string Name = "MariaDB";
}
