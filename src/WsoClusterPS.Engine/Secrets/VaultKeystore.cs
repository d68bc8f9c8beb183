using System;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// The key WSO2's cipher tool encrypts with: the certificate of one alias in a JKS or PKCS12
    /// keystore, read with BouncyCastle (already SSH.NET's dependency; .NET cannot read JKS). The
    /// cipher is the server's default "RSA": PKCS#1 v1.5 padding over the UTF-8 bytes, Base64 out.
    /// </summary>
    public sealed class VaultKeystore
    {
        private readonly AsymmetricKeyParameter _public;
        private readonly AsymmetricKeyParameter _private;

        private VaultKeystore(AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey, int modulusBits)
        {
            _public = publicKey;
            _private = privateKey;
            MaxSecretBytes = modulusBits / 8 - 11;
        }

        /// <summary>The longest secret, in UTF-8 bytes, that one RSA block with PKCS#1 v1.5 padding carries.</summary>
        public int MaxSecretBytes { get; }

        /// <summary>Reads the keystore from the node's host (over SSH for a remote node).</summary>
        public static VaultKeystore Open(Hosts.IHost host, VaultKeystoreLocation location, string password)
        {
            var where = $"'{location.Path}' on {host.Name}";
            if (!host.FileExists(location.Path))
                throw Hosts.HostFiles.NotAFile(host, location.Path, $"Set [{location.Table}] file_name to the node's keystore file; " +
                    "nothing was written.");
            return Open(host.ReadAllBytes(location.Path), location.Type, location.Alias, password, where, location.KeyPassword,
                location.Table);
        }

        /// <param name="where">The keystore as messages name it: its path and host.</param>
        /// <param name="keyPassword">The key's own password ([keystore.*] key_password); null: the store's.</param>
        /// <param name="table">The deployment.toml table that names the keystore, for messages.</param>
        public static VaultKeystore Open(byte[] content, VaultKeystoreType type, string alias, string password, string where,
            string keyPassword = null, string table = "keystore.primary")
        {
            var kind = type.ToString().ToUpperInvariant();
            if (content.Length == 0)
                throw new VaultKeystoreException($"The keystore {where} is empty (0 bytes). Copy the node's {kind} keystore there " +
                    "again; nothing was written.");
            if (type == VaultKeystoreType.Jks && !(content.Length >= 4 && content[0] == 0xFE && content[1] == 0xED && content[2] == 0xFE &&
                                                   content[3] == 0xED))
                throw new VaultKeystoreException($"The keystore {where} is not a JKS file (it does not start as one does). Check " +
                    $"[{table}] file_name and type; nothing was written.");
            var (store, aliases) = Load(content, type, password, where, table);
            var found = aliases.FirstOrDefault(a => string.Equals(a, alias, StringComparison.OrdinalIgnoreCase));
            if (found == null) throw MissingAlias(where, alias, aliases, table);
            try
            {
                return store(found, keyPassword ?? password);
            }
            catch (Exception e) when (!(e is VaultKeystoreException))
            {
                throw new VaultKeystoreException($"The keystore {where} opened, but its key '{alias}' does not open with " +
                    (keyPassword != null ? $"[{table}] key_password" : "the keystore password (if the key has a password of its own, " +
                        $"set [{table}] key_password)") + $" ({e.Message}). Nothing was written.", e);
            }
        }

        /// <summary>The store opened with its password: a reader of one key (by alias, with a password), and the aliases.</summary>
        private static (Func<string, string, VaultKeystore> Key, System.Collections.Generic.IReadOnlyList<string> Aliases) Load(
            byte[] content, VaultKeystoreType type, string password, string where, string table)
        {
            try
            {
                if (type == VaultKeystoreType.Jks)
                {
                    var jks = new JksStore();
                    using (var stream = new MemoryStream(content)) jks.Load(stream, password.ToCharArray());
                    return ((alias, keyPassword) => jks.IsKeyEntry(alias)
                        ? From(jks.GetCertificate(alias).GetPublicKey(), jks.GetKey(alias, keyPassword.ToCharArray()), where, alias)
                        : throw MissingAlias(where, alias, jks.Aliases, table), jks.Aliases.ToList());
                }
                var pkcs12 = new Pkcs12StoreBuilder().Build();
                using (var stream = new MemoryStream(content)) pkcs12.Load(stream, password.ToCharArray());
                return ((alias, _) => pkcs12.IsKeyEntry(alias)
                    ? From(pkcs12.GetCertificate(alias).Certificate.GetPublicKey(), pkcs12.GetKey(alias).Key, where, alias)
                    : throw MissingAlias(where, alias, pkcs12.Aliases, table), pkcs12.Aliases.ToList());
            }
            catch (Exception e) when (e is EndOfStreamException || e is ArgumentException || e is IndexOutOfRangeException ||
                                      e is InvalidCastException || e is InvalidOperationException)
            {
                throw new VaultKeystoreException($"The keystore {where} is damaged or truncated ({content.Length} bytes): it cannot be " +
                    $"read as {type.ToString().ToUpperInvariant()} ({e.Message}). Copy the node's keystore there again; nothing was written.", e);
            }
            catch (IOException e)
            {
                // A JKS's integrity digest is keyed with its password: a wrong password and a damaged file look the same.
                throw new VaultKeystoreException($"The keystore {where} does not open with the keystore password given " +
                    $"(-KeystoreCredential), or it is damaged or truncated ({content.Length} bytes): {e.Message}. Give the password it " +
                    "was made with, or copy the node's keystore there again; nothing was written.", e);
            }
        }

        /// <summary>Secure Vault ciphertext of <paramref name="secret"/>: Base64 of RSA with PKCS#1 v1.5 padding.</summary>
        public string Encrypt(string secret)
        {
            var plain = System.Text.Encoding.UTF8.GetBytes(secret);
            if (plain.Length > MaxSecretBytes)
                throw new ArgumentException($"The secret is {plain.Length} bytes in UTF-8; the keystore's RSA key encrypts at most " +
                    $"{MaxSecretBytes} (WSO2's cipher uses one RSA block). Use a shorter secret; nothing was written.");
            var cipher = new Pkcs1Encoding(new RsaEngine());
            cipher.Init(true, new ParametersWithRandom(_public, new SecureRandom()));
            return Convert.ToBase64String(cipher.ProcessBlock(plain, 0, plain.Length));
        }

        /// <summary>Whether <paramref name="ciphertext"/> decrypts to <paramref name="secret"/>: how a re-run knows that a
        /// value is current, since RSA with random padding never gives the same ciphertext twice.</summary>
        public bool Holds(string ciphertext, string secret)
        {
            try
            {
                var bytes = Convert.FromBase64String(ciphertext.Trim());
                var cipher = new Pkcs1Encoding(new RsaEngine());
                cipher.Init(false, _private);
                return System.Text.Encoding.UTF8.GetString(cipher.ProcessBlock(bytes, 0, bytes.Length)) == secret;
            }
            catch (Exception e) when (e is FormatException || e is InvalidCipherTextException || e is DataLengthException)
            {
                return false;
            }
        }

        private static VaultKeystore From(AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey, string where, string alias)
        {
            if (!(publicKey is RsaKeyParameters rsa))
                throw new VaultKeystoreException($"The key '{alias}' in {where} is not an RSA key; WSO2 Secure Vault encrypts with RSA. " +
                    "Nothing was written.");
            return new VaultKeystore(publicKey, privateKey, rsa.Modulus.BitLength);
        }

        private static VaultKeystoreException MissingAlias(string where, string alias, System.Collections.Generic.IEnumerable<string> aliases,
            string table) =>
            new VaultKeystoreException($"The keystore {where} has no private key '{alias}' (it holds: " +
                $"{string.Join(", ", aliases)}). Set [{table}] alias to the key's alias; nothing was written.");
    }
}
