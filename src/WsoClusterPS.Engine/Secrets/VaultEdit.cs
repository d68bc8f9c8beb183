using System;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// A deployment.toml edit that writes secrets, and with Secure Vault the secret-conf.properties
    /// it needs: the keystore is found in the file being edited and read once, on the node's host.
    /// </summary>
    public sealed class VaultEdit
    {
        private VaultEdit(FileEdit toml, FileEdit secretConf, TomlEditor edited)
        {
            Toml = toml;
            SecretConf = secretConf;
            Edited = edited;
        }

        public FileEdit Toml { get; }

        /// <summary>Null when the secrets are written as they are.</summary>
        public FileEdit SecretConf { get; }

        /// <summary>The file as the edit leaves it.</summary>
        public TomlEditor Edited { get; }

        /// <summary>Writes what was confirmed: secret-conf.properties first, since a $secret{} reference without it would start
        /// the server with the alias's name as the password.</summary>
        public void Apply(bool writeSecretConf, bool writeToml, bool keepBackup, bool replaceReadOnly, Hosts.LockWait? wait = null)
        {
            if (writeSecretConf) SecretConf.Apply(keepBackup, replaceReadOnly, wait);
            if (writeToml) Toml.Apply(keepBackup, replaceReadOnly, wait);
        }

        /// <param name="keystorePassword">Null writes secrets as they are, and the file then becomes readable by its owner only;
        /// otherwise through Secure Vault with the node's keystore.</param>
        /// <param name="before">deployment.toml as a node not made yet will hold it (from its pack); only without a keystore
        /// password, since sealing needs the node's own keystore.</param>
        /// <param name="writesSecret">Whether the edit writes a secret at all: one that does not keeps the file's mode.</param>
        public static VaultEdit Plan(NodeRecord node, string keystorePassword, Action<TomlEditor, ISecretWriter> edit, byte[] before = null,
            bool writesSecret = true)
        {
            TomlEditor edited = null;
            VaultKeystoreLocation keystore = null;
            ISecretWriter secrets = PlainSecretWriter.Instance;
            var toml = FileEdit.OfToml(node.Host, node.DeploymentToml, t =>
            {
                if (keystorePassword != null && keystore == null)
                {
                    keystore = VaultKeystoreLocation.Of(node, t);
                    secrets = new SecureVaultWriter(VaultKeystore.Open(node.Host, keystore, keystorePassword));
                }
                edit(t, secrets);
                edited = t;
            }, holdsSecret: keystorePassword == null && writesSecret, before: keystorePassword == null ? before : null);
            return new VaultEdit(toml, keystore == null ? null
                : FileEdit.Replace(node.Host, IsLayout.SecretConf(node.Host, node.Home), Secrets.SecretConf.Render(keystore)), edited);
        }
    }
}
