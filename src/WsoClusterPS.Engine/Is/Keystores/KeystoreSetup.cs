using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Org.BouncyCastle.X509;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Keystores
{
    /// <summary>
    /// Production keys for a cluster: one keystore with the same bytes on every node, trusted by
    /// each node's truststore and named by [keystore.primary] (and [keystore.tls]); one
    /// [encryption] key for every node. Secrets go through Secure Vault where a node uses it. A key
    /// that encrypted data already in the database is never replaced without -Force.
    /// </summary>
    public static class KeystoreSetup
    {
        /// <summary>What each node gets, and what the admin should know (a key kept, a key left as it was).</summary>
        public static (IReadOnlyList<KeystorePlan> Plans, IReadOnlyList<string> Notes) Plan(IReadOnlyList<NodeRecord> nodes,
            KeystoreRequest request)
        {
            var tomls = nodes.Select(n => TomlEditor.Read(n.Host, n.DeploymentToml)).ToList();
            var notes = new List<string>();
            var data = new Lazy<string>(() => ClusterData.Find(nodes.Select((n, i) => (n, tomls[i])).ToList(), request.DatabaseAccount));
            string Data() => data.Value;

            var store = request.Key == null ? null : Store(nodes, tomls, request, notes);
            var encryptionKey = request.EncryptionKey ? EncryptionKey(nodes, tomls, request, Data, notes) : null;
            string vaultPassword = null;
            var plans = new List<KeystorePlan>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var toml = tomls[i];
                var vault = SecretConf.IsOn(node, toml);
                var pinInternal = false;
                if (store != null && store.ReplacesPrimary(node, toml) && toml.Get(KeystoreTable.Internal, "file_name") == null)
                {
                    if (request.KeepInternalKeystore) pinInternal = true;
                    else CheckInternalMayChange(node, vault, request, Data);
                }
                if (vault && vaultPassword == null) vaultPassword = request.VaultPassword();
                var files = VaultEdit.Plan(node, vault ? vaultPassword : null, (t, secrets) =>
                {
                    if (store != null)
                    {
                        if (pinInternal) PinInternal(node, t);
                        store.Name(t, KeystoreTable.Primary, secrets);
                        if (request.Tls) store.Name(t, KeystoreTable.Tls, secrets);
                    }
                    if (encryptionKey != null) secrets.Write(t, DeploymentKeys.EncryptionKey.Table, DeploymentKeys.EncryptionKey.Name, encryptionKey);
                });
                plans.Add(new KeystorePlan(node, store?.WriteFor(node), store?.TrustFor(node, toml, request.TruststorePassword), files));
            }
            return (plans, notes);
        }

        private static ClusterStore Store(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TomlEditor> tomls, KeystoreRequest request,
            List<string> notes)
        {
            var primary = KeystoreTable.Of(nodes[0], tomls[0], KeystoreTable.Primary);
            var type = request.StoreType ?? primary.Type;
            var alias = request.Alias ?? primary.Alias;
            var fileName = request.FileName ?? "cluster-keystore" + (type == VaultKeystoreType.Jks ? ".jks" : ".p12");
            string PathOn(NodeRecord n) => n.Host.Combine(IsLayout.SecurityFolder(n.Host, n.Home), fileName);
            var held = nodes.Select(n => Held(n, PathOn(n), type, alias, request.Password, request.Force)).ToList();
            var key = request.Key;
            byte[] bytes = null;
            if (key.IsNew && !request.Force)
            {
                var kept = held.Where(h => h != null).Select(h => h.Value.Certificate.Sha256).Distinct().ToList();
                if (kept.Count > 1)
                    throw new InvalidOperationException($"The nodes hold different keystores at {fileName} ({string.Join(", ", kept)}). " +
                        "Give -Force to replace them all with one new key; nothing was written.");
                if (kept.Count == 1)
                {
                    bytes = held.First(h => h != null).Value.Bytes;
                    notes.Add($"The cluster has its own key already ({fileName}, SHA-256 {kept[0]}): it is kept, and given to the nodes " +
                        "that lack it. Give -Force to make a new one.");
                }
            }
            bytes = bytes ?? held.FirstOrDefault(h => h?.Certificate.Sha256 == key.Fingerprint)?.Bytes ?? key.Store(type, alias, request.Password);
            var certificate = KeystoreCertificates.Read(bytes, type, request.Password, fileName).Single(c => c.IsKey);
            return new ClusterStore(fileName, type, alias, request.Password, bytes, certificate, PathOn);
        }

        /// <summary>The keystore a node holds at the path already, when it opens with the password and holds the alias's key.</summary>
        private static (byte[] Bytes, StoredCertificate Certificate)? Held(NodeRecord node, string path, VaultKeystoreType type, string alias,
            string password, bool force)
        {
            if (!node.Host.FileExists(path)) return null;
            var bytes = node.Host.ReadAllBytes(path);
            try
            {
                var key = KeystoreCertificates.Read(bytes, type, password, path)?.FirstOrDefault(c => c.IsKey && c.Alias == alias);
                if (key != null) return (bytes, key);
            }
            catch (VaultKeystoreException) when (force)
            {
                return null;
            }
            catch (VaultKeystoreException e)
            {
                throw new InvalidOperationException($"'{path}' on {node.Host.Name} is there already and is not the cluster's keystore: " +
                    $"{e.Message.TrimEnd('.')}. Give -Force to replace it, or another -FileName; nothing was written.", e);
            }
            if (force) return null;
            throw new InvalidOperationException($"'{path}' on {node.Host.Name} is there already and holds no key '{alias}'. Give -Force " +
                "to replace it, or another -FileName; nothing was written.");
        }

        /// <summary>[keystore.internal] falls back to the primary keystore here: it may change only where nothing depends on it.</summary>
        /// <param name="vault">Whether the node uses Secure Vault.</param>
        private static void CheckInternalMayChange(NodeRecord node, bool vault, KeystoreRequest request, Func<string> data)
        {
            const string why = "The internal keystore is the primary one here (no [keystore.internal] in deployment.toml), so a new " +
                "primary keystore would replace it too";
            if (vault)
                throw new InvalidOperationException($"{why}: node '{node.Name}' uses Secure Vault, whose secrets are sealed with it, and " +
                    "every $secret{} would become unreadable. Give -KeepInternalKeystore to keep it (the new key then signs and serves " +
                    "TLS); nothing was written.");
            if (request.Force) return;
            var found = data();
            if (found != null)
                throw new InvalidOperationException($"{why}, and the database already holds data ({found}): what was encrypted with " +
                    "the old key could no longer be read. Give -KeepInternalKeystore to keep it (the new key then signs and serves " +
                    "TLS), or -Force to replace it anyway; nothing was written.");
        }

        /// <summary>[keystore.internal] set to the primary keystore in use, as it is spelt (sealed passwords stay sealed).</summary>
        private static void PinInternal(NodeRecord node, TomlEditor toml)
        {
            var primary = KeystoreTable.Of(node, toml, KeystoreTable.Primary);
            string Raw(string key) => toml.Get(KeystoreTable.Primary, key) as string;
            toml.SetString(KeystoreTable.Internal, "file_name", Raw("file_name") ?? node.Host.SplitPath(primary.Path).Leaf);
            toml.SetString(KeystoreTable.Internal, "type", Raw("type") ?? TypeName(primary.Type));
            toml.SetString(KeystoreTable.Internal, "alias", Raw("alias") ?? primary.Alias);
            toml.SetString(KeystoreTable.Internal, "password", Raw("password") ?? VaultKeystoreLocation.StockPassword);
            if (Raw("key_password") is string keyPassword) toml.SetString(KeystoreTable.Internal, "key_password", keyPassword);
        }

        private static string EncryptionKey(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TomlEditor> tomls, KeystoreRequest request,
            Func<string> data, List<string> notes)
        {
            var keys = tomls.Select(t => t.Get(DeploymentKeys.EncryptionKey) as string).ToList();
            if (!request.Force && keys.All(k => k != null) && keys.Distinct(StringComparer.Ordinal).Count() == 1)
            {
                notes.Add("Every node has the same [encryption] key already: it is kept. Give -Force to make a new one.");
                return null;
            }
            var found = request.Force ? null : data();
            if (found != null)
                throw new InvalidOperationException("The nodes encrypt with an [encryption] key already (the product's built-in one where " +
                    $"none is set), and the database holds data ({found}): what was encrypted with the old key can no longer be read " +
                    "with a new one. Give -Force to replace it anyway; nothing was written.");
            var bytes = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return FileSha256.Hex(bytes);
        }

        public static string TypeName(VaultKeystoreType type) => type == VaultKeystoreType.Jks ? "JKS" : "PKCS12";

        /// <summary>The keystore every node gets, as bytes made once.</summary>
        private sealed class ClusterStore
        {
            private readonly string _fileName;
            private readonly VaultKeystoreType _type;
            private readonly string _alias;
            private readonly string _password;
            private readonly byte[] _bytes;
            private readonly StoredCertificate _certificate;
            private readonly Func<NodeRecord, string> _pathOn;

            public ClusterStore(string fileName, VaultKeystoreType type, string alias, string password, byte[] bytes,
                StoredCertificate certificate, Func<NodeRecord, string> pathOn)
            {
                _fileName = fileName;
                _type = type;
                _alias = alias;
                _password = password;
                _bytes = bytes;
                _certificate = certificate;
                _pathOn = pathOn;
            }

            /// <summary>Whether the node's primary keystore is another key now (so a key in use is replaced).</summary>
            public bool ReplacesPrimary(NodeRecord node, TomlEditor toml)
            {
                var primary = KeystoreTable.Of(node, toml, KeystoreTable.Primary);
                if (!node.Host.FileExists(primary.Path) || primary.Password == null) return true;
                try
                {
                    return KeystoreCertificates.Read(node.Host.ReadAllBytes(primary.Path), primary.Type, primary.Password, primary.Path)?
                        .Any(c => c.IsKey && c.Alias == primary.Alias && c.Sha256 == _certificate.Sha256) != true;
                }
                catch (VaultKeystoreException)
                {
                    return true;
                }
            }

            public void Name(TomlEditor toml, string table, ISecretWriter secrets)
            {
                toml.SetString(table, "file_name", _fileName);
                toml.SetString(table, "type", TypeName(_type));
                toml.SetString(table, "alias", _alias);
                secrets.Write(toml, table, "password", _password);
                secrets.Write(toml, table, "key_password", _password);
            }

            public FileWrite WriteFor(NodeRecord node)
            {
                var path = _pathOn(node);
                return node.Host.FileExists(path) && node.Host.ReadAllBytes(path).AsSpan().SequenceEqual(_bytes) ? null
                    : new FileWrite(node.Host, path, _bytes, holdsSecret: true, $"the cluster's {TypeName(_type)} keystore: key " +
                        $"'{_alias}', certificate {_certificate.Subject}, SHA-256 {_certificate.Sha256}");
            }

            public FileWrite TrustFor(NodeRecord node, TomlEditor toml, string password)
            {
                var truststore = KeystoreTable.Of(node, toml, KeystoreTable.Truststore);
                var where = $"'{truststore.Path}' on {node.Host.Name}";
                if (!node.Host.FileExists(truststore.Path))
                    throw node.Host.NotAFile(truststore.Path, "Set [truststore] file_name to the node's truststore; nothing was written.");
                password = password ?? truststore.Password ?? throw new InvalidOperationException($"The truststore {where} has its " +
                    "password sealed in deployment.toml; give it with -TruststoreCredential. Nothing was written.");
                var bytes = TruststoreImport.With(node.Host.ReadAllBytes(truststore.Path), truststore.Type, password, _alias,
                    new X509CertificateParser().ReadCertificate(_certificate.Der), where);
                return bytes == null ? null : new FileWrite(node.Host, truststore.Path, bytes, holdsSecret: false,
                    $"the truststore, trusting the cluster's certificate as '{_alias}' (SHA-256 {_certificate.Sha256})");
            }
        }
    }
}
