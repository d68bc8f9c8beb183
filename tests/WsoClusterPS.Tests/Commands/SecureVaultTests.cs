using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>
/// Set-IsDatabase -EncryptSecret against keystores keytool made, with the JDK decrypting the
/// result as the server does: the module's own code never checks its own ciphertext here.
/// </summary>
public class SecureVaultTests : InTempFolder
{
    private const string StorePassword = "store-Pa55";
    private const string Secret = "p[a]\"s\\s-ü é";
    private readonly CmdletHost _host;

    public SecureVaultTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    private string TomlPath(string node) => Temp.Combine(node, "repository", "conf", "deployment.toml");
    private string Keystore(string node, string type) =>
        Temp.Combine(node, "repository", "resources", "security", type == "JKS" ? "wso2carbon.jks" : "wso2carbon.p12");

    /// <summary>Gives each node its own keystore of <paramref name="type"/>, named in its deployment.toml as WSO2's stock files
    /// of that version name it.</summary>
    private void GiveKeystores(string type)
    {
        foreach (var node in new[] { "manager", "worker" })
        {
            JavaOracle.MakeKeystore(Keystore(node, type), type, StorePassword);
            if (type == "JKS")
                File.WriteAllText(TomlPath(node), File.ReadAllText(TomlPath(node))
                    .Replace("file_name = \"wso2carbon.p12\"\npassword = \"wso2carbon\"\ntype=\"PKCS12\"", "file_name = \"wso2carbon.jks\"\npassword = \"wso2carbon\""));
        }
    }

    private CmdletHost.Result Encrypt(string secret = Secret, string storePassword = StorePassword, string extra = "") =>
        _host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -EncryptSecret -KeystoreCredential $ks " + extra,
            new Dictionary<string, object>
            {
                ["cred"] = new PSCredential("wso2", new System.Net.NetworkCredential("", secret).SecurePassword),
                ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", storePassword).SecurePassword),
            });

    [NeedsTheory("javac")]
    [InlineData("JKS")]
    [InlineData("PKCS12")]
    public void The_password_is_sealed_with_the_nodes_keystore_and_the_jdk_opens_it_as_the_server_does(string type)
    {
        GiveKeystores(type);
        var result = Encrypt();
        Assert.Empty(result.Errors);

        foreach (var node in new[] { "manager", "worker" })
        {
            var toml = File.ReadAllText(TomlPath(node));
            Assert.DoesNotContain("ü é", toml);
            Assert.Contains("[database.identity_db]\ntype = \"mysql\"\nusername = \"wso2\"\npassword = \"$secret{identity_db_password}\"", toml);
            Assert.Contains("password = \"$secret{shared_db_password}\"", toml);
            // [secrets] ends the file: WSO2's cipher tool reads every later line as an entry.
            var secrets = toml[toml.LastIndexOf("\n[secrets]\n", StringComparison.Ordinal)..];
            Assert.Equal(3, secrets.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(new Dictionary<string, string> { ["identity_db_password"] = Secret, ["shared_db_password"] = Secret },
                JavaOracle.Decrypt(Keystore(node, type), type, StorePassword, TomlPath(node)));

            var conf = File.ReadAllText(Temp.Combine(node, "repository", "conf", "security", "secret-conf.properties"));
            Assert.Contains($"keystore.identity.location={Keystore(node, type)}\nkeystore.identity.type={type}\nkeystore.identity.alias=wso2carbon\n", conf);
            Assert.StartsWith("secVault.enabled=true\n", conf);
        }
    }

    [NeedsFact("javac")]
    public void A_second_run_with_the_same_secret_changes_nothing_and_a_new_secret_is_sealed_again()
    {
        GiveKeystores("PKCS12");
        Encrypt();
        var before = File.ReadAllText(TomlPath("manager"));
        var again = Encrypt(extra: "-Verbose");
        Assert.Empty(again.Errors);
        Assert.Equal(before, File.ReadAllText(TomlPath("manager")));

        Encrypt(secret: "another one");
        Assert.Equal("another one", JavaOracle.Decrypt(Keystore("manager", "PKCS12"), "PKCS12", StorePassword, TomlPath("manager"))["identity_db_password"]);
    }

    [NeedsFact("javac")]
    public void WhatIf_shows_the_reference_and_never_the_secret_or_its_ciphertext()
    {
        GiveKeystores("PKCS12");
        var before = File.ReadAllText(TomlPath("manager"));
        var shown = Encrypt(extra: "-WhatIf");
        Assert.Empty(shown.Errors);
        var console = string.Join("\n", shown.Console);
        Assert.Contains("+password = \"$secret{identity_db_password}\"", console);
        Assert.Contains("+identity_db_password = \"********\"", console);
        Assert.DoesNotContain("ü é", console);
        Assert.Equal(before, File.ReadAllText(TomlPath("manager")));
    }

    [NeedsFact("javac")]
    public void A_secret_too_long_for_one_rsa_block_is_refused_and_nothing_is_written()
    {
        GiveKeystores("PKCS12");
        var before = File.ReadAllText(TomlPath("manager"));
        var conf = Temp.Combine("manager", "repository", "conf", "security", "secret-conf.properties");
        var shipped = File.ReadAllText(conf);
        var result = Encrypt(secret: new string('x', 246));
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains("The secret is 246 bytes in UTF-8; the keystore's RSA key encrypts at most 245"));
        Assert.Equal(before, File.ReadAllText(TomlPath("manager")));
        Assert.Equal(shipped, File.ReadAllText(conf));
    }

    [NeedsFact("javac")]
    public void A_wrong_keystore_password_or_a_missing_alias_is_a_security_error_and_nothing_is_written()
    {
        GiveKeystores("JKS");
        var before = File.ReadAllText(TomlPath("manager"));
        var wrong = Encrypt(storePassword: "not it");
        var error = wrong.Errors[0];
        Assert.Equal("SetIsDatabaseKeystore", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("does not open with the keystore password given (-KeystoreCredential)", error.Exception.Message);
        Assert.DoesNotContain("not it", error.ToString());

        JavaOracle.MakeKeystore(Keystore("manager", "PKCS12"), "PKCS12", StorePassword, alias: "other");
        File.WriteAllText(TomlPath("manager"), before);
        File.WriteAllText(TomlPath("manager"), File.ReadAllText(TomlPath("manager")).Replace("file_name = \"wso2carbon.jks\"", "file_name = \"wso2carbon.p12\"\ntype = \"PKCS12\""));
        var missing = Encrypt();
        Assert.Contains(missing.Errors, e => e.Exception.Message.Contains("has no private key 'wso2carbon' (it holds: other)"));
        Assert.Equal(before.Replace("file_name = \"wso2carbon.jks\"", "file_name = \"wso2carbon.p12\"\ntype = \"PKCS12\""), File.ReadAllText(TomlPath("manager")));
    }

    [NeedsFact("javac")]
    public void An_empty_truncated_or_folder_keystore_and_a_key_of_its_own_password_are_named_for_what_they_are()
    {
        GiveKeystores("JKS");
        var keystore = Keystore("manager", "JKS");
        var whole = File.ReadAllBytes(keystore);

        File.WriteAllBytes(keystore, []);
        Assert.Contains("is empty (0 bytes)", Encrypt().Errors[0].Exception.Message);
        File.WriteAllBytes(keystore, whole[..(whole.Length / 2)]);
        Assert.Contains("is damaged or truncated", Encrypt().Errors[0].Exception.Message);
        File.Delete(keystore);
        Directory.CreateDirectory(keystore);
        Assert.Contains("is a folder, not a file", Encrypt().Errors[0].Exception.Message);
        Directory.Delete(keystore);

        JavaOracle.MakeKeystore(keystore, "JKS", StorePassword, keyPassword: "key-Pa55");
        var storePasswordOnly = Encrypt();
        Assert.Contains("opened, but its key 'wso2carbon' does not open with the keystore password (if the key has a password of its " +
                        "own, set [keystore.primary] key_password)", storePasswordOnly.Errors[0].Exception.Message);
        File.WriteAllText(TomlPath("manager"), File.ReadAllText(TomlPath("manager")).Replace("[keystore.primary]\n", "[keystore.primary]\nkey_password = \"wrong\"\n"));
        Assert.Contains("does not open with [keystore.primary] key_password", Encrypt().Errors[0].Exception.Message);
        File.WriteAllText(TomlPath("manager"), File.ReadAllText(TomlPath("manager")).Replace("key_password = \"wrong\"", "key_password = \"key-Pa55\""));
        Assert.Empty(Encrypt().Errors);
    }

    [NeedsFact("javac")]
    public void A_backup_of_a_file_whose_password_was_sealed_is_its_owners_only_and_the_command_says_it_holds_the_old_value()
    {
        GiveKeystores("PKCS12");
        Assert.Empty(_host.Run("$nodes | Set-IsDatabase -Server db.example -Database regdb -Credential $c",
            new Dictionary<string, object> { ["c"] = new PSCredential("wso2", new System.Net.NetworkCredential("", "plain-Pa55").SecurePassword) }).Errors);
        File.SetUnixFileMode(TomlPath("manager"), (UnixFileMode)Convert.ToInt32("644", 8));
        var sealing = Encrypt(extra: "-Backup");
        Assert.Empty(sealing.Errors);
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), File.GetUnixFileMode(TomlPath("manager") + ".bak"));
        Assert.Contains(sealing.Warnings, w => w.Contains(TomlPath("manager") + ".bak") && w.Contains("plain text"));
    }

    [NeedsFact("javac")]
    public void Protect_IsSecret_refuses_a_table_the_file_lacks_the_secrets_table_and_a_taken_alias_without_Force()
    {
        GiveKeystores("PKCS12");
        var run = (string extra, string secret) => _host.Run("$nodes | Protect-IsSecret -Alias admin_password -Secret $secret -KeystoreCredential $ks " + extra,
            new Dictionary<string, object>
            {
                ["secret"] = new System.Net.NetworkCredential("", secret).SecurePassword,
                ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", StorePassword).SecurePassword),
            });
        var before = File.ReadAllText(TomlPath("manager"));
        Assert.Contains("has no [no_such_table] table", run("-Table no_such_table -Key password", "x").Errors[0].Exception.Message);
        Assert.Contains("-Table secrets would put a $secret{} reference inside [secrets]", run("-Table secrets -Key other", "x").Errors[0].Exception.Message);
        Assert.Equal(before, File.ReadAllText(TomlPath("manager")));

        Assert.Empty(run("", "first-Pa55").Errors);
        Assert.Empty(run("", "first-Pa55").Errors);
        var taken = run("", "second-Pa55");
        Assert.Contains("already holds another secret. Give -Force", taken.Errors[0].Exception.Message);
        Assert.Empty(run("-Force", "second-Pa55").Errors);
        Assert.Equal("second-Pa55", JavaOracle.Decrypt(Keystore("manager", "PKCS12"), "PKCS12", StorePassword, TomlPath("manager"))["admin_password"]);
    }

    [NeedsFact("javac")]
    public void Plain_entries_already_in_secrets_are_sealed_and_the_table_moves_to_the_end()
    {
        GiveKeystores("PKCS12");
        var path = TomlPath("manager");
        var stock = File.ReadAllText(path);
        var at = stock.IndexOf("[keystore.primary]", StringComparison.Ordinal);
        File.WriteAllText(path, stock[..at] + "[secrets]\nadmin_password = \"[adm!n]\"\n\n# a comment that stays\n" + stock[at..]);

        Assert.Empty(Encrypt().Errors);
        var toml = File.ReadAllText(path);
        Assert.Contains("# a comment that stays\n[keystore.primary]", toml);
        Assert.EndsWith("\n", toml);
        var secrets = toml[toml.LastIndexOf("\n[secrets]\n", StringComparison.Ordinal)..];
        Assert.DoesNotContain("# ", secrets);
        Assert.Equal(new Dictionary<string, string> { ["admin_password"] = "adm!n", ["identity_db_password"] = Secret, ["shared_db_password"] = Secret },
            JavaOracle.Decrypt(Keystore("manager", "PKCS12"), "PKCS12", StorePassword, path));
    }

    [NeedsFact("javac")]
    public void Protect_IsSecret_seals_any_secret_and_points_a_key_at_it()
    {
        GiveKeystores("JKS");
        var result = _host.Run("$nodes | Protect-IsSecret -Alias admin_password -Secret $secret -KeystoreCredential $ks -Table super_admin -Key password",
            new Dictionary<string, object>
            {
                ["secret"] = new System.Net.NetworkCredential("", "Adm1n]\"x").SecurePassword,
                ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", StorePassword).SecurePassword),
            });
        Assert.Empty(result.Errors);
        var toml = File.ReadAllText(TomlPath("worker"));
        Assert.Contains("[super_admin]\nusername = \"admin\"\npassword = \"$secret{admin_password}\"", toml);
        Assert.Equal(new Dictionary<string, string> { ["admin_password"] = "Adm1n]\"x" },
            JavaOracle.Decrypt(Keystore("worker", "JKS"), "JKS", StorePassword, TomlPath("worker")));

        var shown = _host.Run("$nodes | Protect-IsSecret -Alias smtp_credential -Secret $secret -KeystoreCredential $ks -WhatIf",
            new Dictionary<string, object>
            {
                ["secret"] = new System.Net.NetworkCredential("", "smtp-Pa55").SecurePassword,
                ["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", StorePassword).SecurePassword),
            });
        Assert.Empty(shown.Errors);
        // An alias that is not named like a password is still hidden: it is a [secrets] entry.
        Assert.Contains(shown.Console, line => line.Contains("+smtp_credential = \"********\""));
        Assert.Contains(shown.Console, line => line.Contains(" admin_password = \"********\""));

        var half = _host.Run("$nodes | Protect-IsSecret -Alias a -Secret $secret -Table super_admin",
            new Dictionary<string, object> { ["secret"] = new System.Net.NetworkCredential("", "x").SecurePassword });
        Assert.Contains("Give -Table and -Key together", Assert.Single(half.Errors).Exception.Message);
    }

    [NeedsFact("javac")]
    public void Test_IsCluster_warns_about_plain_passwords_and_secret_files_others_may_read()
    {
        var fresh = _host.Run("$nodes | Test-IsCluster").Warnings;
        Assert.Contains(fresh, w => w.StartsWith("Node 'manager': ", StringComparison.Ordinal) && w.Contains("plain-text password(s) in deployment.toml") &&
            w.Contains("[database.identity_db] password") && w.Contains("[super_admin] password"));
        Assert.Contains(fresh, w => w.Contains("deployment.toml on localhost holds secrets and its group or others may read it (mode 644)"));

        GiveKeystores("PKCS12");
        Assert.Empty(Encrypt().Errors);
        File.WriteAllText(Temp.Combine("worker", "password-persist"), StorePassword);
        var sealedNow = _host.Run("$nodes | Test-IsCluster").Warnings;
        Assert.DoesNotContain(sealedNow, w => w.Contains("[database.identity_db] password") || w.Contains("[secrets]"));
        Assert.Contains(sealedNow, w => w.StartsWith("Node 'worker': ", StringComparison.Ordinal) && w.Contains("password-persist on localhost holds secrets"));
    }
}
