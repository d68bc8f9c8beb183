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
                throw new FileNotFoundException($"The keystore {where} does not exist. Set [keystore.primary] file_name (or " +
                    "[keystore.internal]) to the node's keystore; nothing was written.", location.Path);
            return Open(host.ReadAllBytes(location.Path), location.Type, location.Alias, password, where);
        }

        /// <param name="where">The keystore as messages name it: its path and host.</param>
        public static VaultKeystore Open(byte[] content, VaultKeystoreType type, string alias, string password, string where)
        {
            try
            {
                return type == VaultKeystoreType.Jks ? FromJks(content, alias, password, where) : FromPkcs12(content, alias, password, where);
            }
            catch (Exception e) when (e is IOException || e is InvalidCastException)
            {
                throw new VaultKeystoreException($"The keystore {where} cannot be opened as {type.ToString().ToUpperInvariant()}: " +
                    $"a wrong keystore password (-KeystoreCredential), or another type of file ({e.Message}). Nothing was written.", e);
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

        private static VaultKeystore FromJks(byte[] content, string alias, string password, string where)
        {
            var store = new JksStore();
            using (var stream = new MemoryStream(content)) store.Load(stream, password.ToCharArray());
            if (!store.IsKeyEntry(alias)) throw MissingAlias(where, alias, store.Aliases);
            var certificate = store.GetCertificate(alias);
            var key = store.GetKey(alias, password.ToCharArray());
            return From(certificate.GetPublicKey(), key, where, alias);
        }

        private static VaultKeystore FromPkcs12(byte[] content, string alias, string password, string where)
        {
            var store = new Pkcs12StoreBuilder().Build();
            using (var stream = new MemoryStream(content)) store.Load(stream, password.ToCharArray());
            var found = store.Aliases.FirstOrDefault(a => string.Equals(a, alias, StringComparison.OrdinalIgnoreCase));
            if (found == null || !store.IsKeyEntry(found)) throw MissingAlias(where, alias, store.Aliases);
            return From(store.GetCertificate(found).Certificate.GetPublicKey(), store.GetKey(found).Key, where, alias);
        }

        private static VaultKeystore From(AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey, string where, string alias)
        {
            if (!(publicKey is RsaKeyParameters rsa))
                throw new VaultKeystoreException($"The key '{alias}' in {where} is not an RSA key; WSO2 Secure Vault encrypts with RSA. " +
                    "Nothing was written.");
            return new VaultKeystore(publicKey, privateKey, rsa.Modulus.BitLength);
        }

        private static VaultKeystoreException MissingAlias(string where, string alias, System.Collections.Generic.IEnumerable<string> aliases) =>
            new VaultKeystoreException($"The keystore {where} has no private key '{alias}' (it holds: " +
                $"{string.Join(", ", aliases)}). Set [keystore.primary] alias (or [keystore.internal]) to the key's alias; nothing was written.");
    }
}
