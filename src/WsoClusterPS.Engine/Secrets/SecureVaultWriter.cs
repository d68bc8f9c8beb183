using System;
using System.Linq;
using System.Text.RegularExpressions;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// Writes a secret as WSO2's cipher tool leaves it: the key holds <c>$secret{alias}</c>, and
    /// <c>[secrets]</c>, the file's last table, holds the alias's ciphertext. A value that still
    /// decrypts to the same secret is kept, so a re-run changes nothing; plain <c>[text]</c>
    /// entries already in <c>[secrets]</c> (the cipher tool's input form) are encrypted too.
    /// </summary>
    public sealed class SecureVaultWriter : ISecretWriter
    {
        private static readonly Regex AliasText = new Regex(@"[^A-Za-z0-9_]+", RegexOptions.CultureInvariant);
        private readonly VaultKeystore _keystore;

        public SecureVaultWriter(VaultKeystore keystore) => _keystore = keystore;

        public void Write(TomlEditor toml, string table, string key, string secret) =>
            toml.SetString(table, key, Reference(Protect(toml, AliasFor(toml, table, key), secret)));

        /// <summary>Puts the secret's ciphertext under <paramref name="alias"/> in [secrets]; returns the alias.</summary>
        public string Protect(TomlEditor toml, string alias, string secret)
        {
            EncryptPlainEntries(toml);
            var existing = toml.Get(DeploymentKeys.Secrets, alias) as string;
            var value = existing != null && _keystore.Holds(existing, secret) ? existing : _keystore.Encrypt(secret);
            toml.SetStringInTrailingTable(DeploymentKeys.Secrets, alias, value);
            return alias;
        }

        /// <summary>Whether <paramref name="alias"/> is sealed already, over a secret other than <paramref name="secret"/>.</summary>
        public bool HoldsOtherSecret(TomlEditor toml, string alias, string secret) =>
            toml.Get(DeploymentKeys.Secrets, alias) is string existing && !_keystore.Holds(existing, secret) &&
            existing != "[" + secret + "]";

        public static string Reference(string alias) => "$secret{" + alias + "}";

        /// <summary>identity_db_password for [database.identity_db] password; an entry's id for [[datasource]].</summary>
        public static string AliasFor(TomlEditor toml, string table, string key)
        {
            var (parts, element) = TomlPath.Element(table);
            var name = element != null ? toml.Get(table, "id") as string ?? parts.Last() + element : parts.Last();
            return AliasText.Replace(name + "_" + key, "_").Trim('_');
        }

        /// <summary>The cipher tool's input form, alias = "[plain text]": encrypted here, as -Dconfigure would.</summary>
        private void EncryptPlainEntries(TomlEditor toml)
        {
            foreach (var alias in toml.Keys(DeploymentKeys.Secrets).ToList())
            {
                var value = toml.Get(DeploymentKeys.Secrets, alias) as string;
                if (value == null) continue;
                var open = value.IndexOf('[');
                var close = value.LastIndexOf(']');
                if (open != 0 || close != value.Length - 1) continue;
                toml.SetStringInTrailingTable(DeploymentKeys.Secrets, alias, _keystore.Encrypt(value.Substring(1, value.Length - 2)));
            }
        }
    }
}
