using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>Set-IsKeystore asks a real MariaDB whether IS wrote data: a schema just installed holds none, one IS started on does.</summary>
[Collection(MariaDbCollection.Name)]
public class KeystoreDataTests : InTempFolder
{
    private readonly MariaDbServer _mariaDb;
    private readonly CmdletHost _host;

    public KeystoreDataTests(MariaDbServer mariaDb)
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

    [NeedsFact("mariadbd")]
    public void A_fresh_schema_takes_a_new_key_and_one_with_applications_keeps_its_internal_keystore_naming_the_table()
    {
        var database = MariaDbServer.NewDatabaseName();
        var variables = new Dictionary<string, object>
        {
            ["cred"] = MariaDbServer.IsCredential(), ["port"] = _mariaDb.Port, ["db"] = database,
            ["admin"] = new PSCredential(MariaDbServer.AdminUser, new System.Net.NetworkCredential("", MariaDbServer.AdminPassword).SecurePassword),
        };
        Assert.Empty(_host.Run("$nodes = $nodes | Set-IsDatabase -Server 127.0.0.1 -Port $port -Database $db -Credential $cred " +
            "-AdminCredential $admin -InitializeSchema -PassThru", variables).Errors);

        Assert.Empty(_host.Run("$nodes | Set-IsKeystore -EncryptionKey", variables).Errors);

        using (var connection = _mariaDb.Open(database: database))
            MariaDbServer.Execute(connection, "INSERT INTO IDN_OAUTH_CONSUMER_APPS (CONSUMER_KEY, APP_NAME) VALUES ('console', 'Console')");
        variables["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", "Ks-Pa55").SecurePassword);
        var refused = Assert.Single(_host.Run("$nodes | Set-IsKeystore -New -NewKeystoreCredential $ks", variables).Errors);
        Assert.Contains($"mysql://127.0.0.1:{_mariaDb.Port}/{database} ([database.identity_db]) has rows in IDN_OAUTH_CONSUMER_APPS",
            refused.Exception.Message);
        Assert.DoesNotContain(MariaDbServer.IsPassword, refused.Exception.ToString());
    }
}
