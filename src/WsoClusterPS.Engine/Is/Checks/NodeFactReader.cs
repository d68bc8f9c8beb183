using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>
    /// Reads what a node must hold alike with the others, on its own host: every deployment.toml
    /// key but the per-node ones, the certificates of its keystores, its encryption key, Secure
    /// Vault settings, jars, version and user stores. Files are hashed where they are.
    /// </summary>
    public static class NodeFactReader
    {
        /// <summary>How a node's own home is spelt in compared values, so two homes at different paths agree.</summary>
        public const string HomeToken = "${carbon.home}";

        private const string Toml = "deployment.toml";

        public static NodeFacts Read(NodeRecord node)
        {
            var toml = TomlEditor.Read(node.Host, node.DeploymentToml);
            var facts = new List<NodeFact>();
            var keys = new List<(string, StoredCertificate)>();
            Configuration(node, toml, facts);
            Keystores(node, toml, facts, keys);
            var encryptionKey = toml.Get(DeploymentKeys.EncryptionKey) as string;
            facts.Add(new NodeFact(CheckName.EncryptionKey, Toml, DeploymentKeys.EncryptionKey.ToString(),
                encryptionKey ?? "(not set: the product's built-in key)", secret: encryptionKey != null));
            SecureVault(node, facts);
            Hashed(node, CheckName.JdbcDrivers, IsLayout.LibFolder(node.Host, node.Home), n => n.EndsWith(".jar", StringComparison.Ordinal),
                facts);
            Version(node, facts);
            Hashed(node, CheckName.UserStores, IsLayout.UserStoresFolder(node.Host, node.Home),
                n => n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase), facts);
            return new NodeFacts(node, toml, facts, keys,
                StockKeys.IsStockEncryptionKey(encryptionKey, toml.Get(DeploymentKeys.CryptoProvider) as string));
        }

        /// <summary>"[table] key", or the bare key of the root table: how differences and -Exclude name a key.</summary>
        public static string Address(string table, string key) => table.Length == 0 ? key : $"[{table}] {key}";

        private static void Configuration(NodeRecord node, TomlEditor toml, List<NodeFact> facts)
        {
            var own = new HashSet<string>(DeploymentKeys.PerNode.Concat(new[] { DeploymentKeys.EncryptionKey }).Select(k => k.ToString()),
                StringComparer.Ordinal);
            foreach (var (table, key, value) in toml.Entries())
            {
                var address = Address(table, key);
                if (own.Contains(address)) continue;
                // Sealed values differ on every node by nature (RSA padding is random): which aliases are sealed is compared.
                if (table == DeploymentKeys.Secrets) facts.Add(new NodeFact(CheckName.Configuration, Toml, address, "(sealed)"));
                else facts.Add(new NodeFact(CheckName.Configuration, Toml, address, Render(node, value), SecretMask.NamesASecret(key)));
            }
        }

        private static void Keystores(NodeRecord node, TomlEditor toml, List<NodeFact> facts, List<(string, StoredCertificate)> keys)
        {
            var host = node.Host;
            var read = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in KeystoreTable.All)
            {
                var store = KeystoreTable.Of(node, toml, table);
                if (!read.Add(store.Path)) continue;
                var item = $"[{store.Table}] {Homeless(node, store.Path)}";
                if (!host.FileExists(store.Path))
                {
                    facts.Add(new NodeFact(CheckName.Keystores, item, "(file)", "(missing)"));
                    continue;
                }
                var content = host.ReadAllBytes(store.Path);
                IReadOnlyList<StoredCertificate> certificates;
                try
                {
                    certificates = KeystoreCertificates.Read(content, store.Type, store.Password, $"'{store.Path}' on {host.Name}");
                }
                catch (VaultKeystoreException e)
                {
                    facts.Add(new NodeFact(CheckName.Keystores, item, "(file)", "unreadable: " + e.Message));
                    continue;
                }
                if (certificates == null)
                {
                    // A PKCS12 whose password is sealed: its bytes are all there is to compare.
                    facts.Add(new NodeFact(CheckName.Keystores, item, "(file, sealed password)", "SHA-256 " + FileSha256.Of(content)));
                    continue;
                }
                foreach (var certificate in certificates)
                {
                    facts.Add(new NodeFact(CheckName.Keystores, item, certificate.Alias, certificate.Sha256));
                    if (certificate.IsKey && store.Table != KeystoreTable.Truststore) keys.Add((item, certificate));
                }
            }
        }

        private static void SecureVault(NodeRecord node, List<NodeFact> facts)
        {
            var path = IsLayout.SecretConf(node.Host, node.Home);
            const string item = "repository/conf/security/secret-conf.properties";
            if (!node.Host.FileExists(path))
            {
                facts.Add(new NodeFact(CheckName.SecureVault, item, "(file)", "(missing)"));
                return;
            }
            var text = TextFile.Read(node.Host, path).Text;
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#' && l[0] != '!'))
            {
                var split = line.IndexOf('=');
                if (split <= 0) continue;
                var key = line.Substring(0, split).Trim();
                facts.Add(new NodeFact(CheckName.SecureVault, item, key, Homeless(node, line.Substring(split + 1).Trim()),
                    SecretMask.NamesASecret(key)));
            }
        }

        private static void Version(NodeRecord node, List<NodeFact> facts)
        {
            var host = node.Host;
            var path = IsLayout.VersionFile(host, node.Home);
            var version = host.FileExists(path)
                ? TextFile.Read(host, path).Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
                : null;
            facts.Add(new NodeFact(CheckName.ProductVersion, "bin/version.txt", "version", version ?? "(missing)"));
            Hashed(node, CheckName.ProductVersion, IsLayout.UpdatesFolder(host, node.Home), _ => true, facts);
        }

        /// <summary>Each file of a folder by its SHA-256; a folder that is not there holds nothing.</summary>
        private static void Hashed(NodeRecord node, CheckName check, string folder, Func<string, bool> wanted, List<NodeFact> facts)
        {
            var host = node.Host;
            if (!host.DirectoryExists(folder)) return;
            var names = host.ListFiles(folder).Where(wanted).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var hashes = host.Sha256(names.Select(n => host.Combine(folder, n)).ToList());
            var item = Homeless(node, folder).Replace(HomeToken + "/", "");
            for (var i = 0; i < names.Count; i++) facts.Add(new NodeFact(check, item, names[i], "SHA-256 " + hashes[i]));
        }

        private static string Render(NodeRecord node, object value)
        {
            switch (value)
            {
                case string text: return Homeless(node, text);
                case object[] items: return "[" + string.Join(", ", items.Select(i => i is string s ? "\"" + Homeless(node, s) + "\"" :
                    Render(node, i))) + "]";
                case bool flag: return flag ? "true" : "false";
                case IFormattable number: return number.ToString(null, CultureInfo.InvariantCulture);
                default: return value?.ToString() ?? "";
            }
        }

        /// <summary>The value with the node's home spelt <see cref="HomeToken"/>.</summary>
        private static string Homeless(NodeRecord node, string value)
        {
            var home = node.Home.TrimEnd('/', '\\');
            return home.Length == 0 ? value : value.Replace(home + "/", HomeToken + "/").Replace(home + "\\", HomeToken + "\\");
        }
    }
}
