using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// Which keystore and alias WSO2's cipher tool (1.1.21+, IS 7.x) encrypts with for a node:
    /// <c>[keystore.internal]</c> when its file_name is set, else <c>[keystore.primary]</c>; a bare
    /// file name lives in repository/resources/security; the alias defaults to wso2carbon, the
    /// file to the pack's own wso2carbon.p12 (IS 7.1+) or wso2carbon.jks (up to 7.0).
    /// </summary>
    public sealed class VaultKeystoreLocation
    {
        public const string DefaultAlias = "wso2carbon";

        /// <summary>The password of WSO2's stock keystore, used when none is given.</summary>
        public const string StockPassword = "wso2carbon";

        /// <summary>What the admin hears when the stock password is used, and what to do instead.</summary>
        public const string StockPasswordWarning = "No keystore credential was given, so the keystore is opened with WSO2's stock " +
            "password 'wso2carbon'. The stock keystore and its key are the same in every pack and are for development only: for " +
            "production, give each cluster its own keystore (WSO2's docs: 'Create New Keystores') and pass its password " +
            "(-KeystoreCredential, or KeystoreCredential in a cluster spec).";

        private VaultKeystoreLocation(string path, VaultKeystoreType type, string alias, string table, string keyPassword)
        {
            Table = table;
            KeyPassword = keyPassword;
            Path = path;
            Type = type;
            Alias = alias;
        }

        /// <summary>The keystore's full path on the node's host.</summary>
        public string Path { get; }
        public VaultKeystoreType Type { get; }
        public string Alias { get; }

        /// <summary>The table that names the keystore: keystore.internal or keystore.primary.</summary>
        public string Table { get; }

        /// <summary>The key's own password (key_password) where the file gives one in plain text; null: the store's.</summary>
        public string KeyPassword { get; }

        public static VaultKeystoreLocation Of(NodeRecord node, TomlEditor toml)
        {
            var store = KeystoreTable.Of(node, toml, KeystoreTable.Internal);
            return new VaultKeystoreLocation(store.Path, store.Type, store.Alias, store.Table, store.KeyPassword);
        }
    }
}
