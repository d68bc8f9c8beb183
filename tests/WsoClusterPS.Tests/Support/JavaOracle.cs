using System.Diagnostics;
using System.Text;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// The JDK as an oracle that shares no code with the module: keytool makes keystores as WSO2
/// ships them (alias wso2carbon, RSA 2048), and tests/tools/SecureVaultOracle.java decrypts
/// [secrets] as the server does.
/// </summary>
public static class JavaOracle
{
    public const string Alias = "wso2carbon";

    /// <summary>Makes (or replaces) a keystore of <paramref name="type"/> (JKS or PKCS12) with one RSA 2048 key under <paramref name="alias"/>.</summary>
    /// <param name="keyPassword">The key's own password (JKS only); the store's when null.</param>
    /// <param name="startDate">keytool's -startdate ("-2d": two days ago); null: now.</param>
    public static void MakeKeystore(string path, string type, string password, string alias = Alias, string keyPassword = null,
        int validityDays = 30, string startDate = null, string subject = "CN=localhost")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The stand-in pack ships a stock keystore there; keytool would add to it, or refuse its password.
        File.Delete(path);
        Run("keytool", ["-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", validityDays.ToString(),
            "-dname", subject, "-storetype", type, "-keystore", path, "-storepass", password, "-keypass", keyPassword ?? password,
            ..(startDate == null ? Array.Empty<string>() : ["-startdate", startDate])]);
    }

    /// <summary>Adds the certificate of <paramref name="from"/>'s only key to a truststore as a trusted entry, as an admin would.</summary>
    public static void Trust(string truststore, string password, string alias, string from, string fromPassword)
    {
        var pem = Path.Combine(Path.GetDirectoryName(from)!, alias + ".pem");
        File.WriteAllText(pem, Run("keytool", "-exportcert", "-rfc", "-alias", alias, "-keystore", from, "-storepass", fromPassword));
        Run("keytool", "-importcert", "-noprompt", "-alias", alias, "-file", pem, "-keystore", truststore, "-storepass", password);
    }

    /// <summary>What keytool -list -v says of a keystore: the oracle for what the module wrote.</summary>
    public static string List(string path, string password) => Run("keytool", "-list", "-v", "-keystore", path, "-storepass", password);

    /// <summary>The first SHA-256 fingerprint in what <see cref="List"/> printed.</summary>
    public static string FingerprintIn(string listed) => listed.Split("SHA256: ")[1].Split('\n')[0].Trim();

    /// <summary>The SHA-256 fingerprint keytool prints for an alias.</summary>
    public static string Fingerprint(string path, string password, string alias = Alias)
    {
        var listed = Run("keytool", "-list", "-keystore", path, "-storepass", password, "-alias", alias);
        return listed.Split("(SHA-256): ")[1].Trim();
    }

    /// <summary>Every [secrets] entry of the file, decrypted with the keystore's private key.</summary>
    public static Dictionary<string, string> Decrypt(string keystore, string type, string password, string toml, string alias = Alias) =>
        Run("java", Path.Combine(Repo.Root, "tests", "tools", "SecureVaultOracle.java"), keystore, type, alias, password, toml)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => Encoding.UTF8.GetString(Convert.FromBase64String(f[1].Trim())));

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(RealPart.Require(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error.Result}");
        return output;
    }
}
