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
            var table = Value(toml, "keystore.internal", "file_name") != null ? "keystore.internal" : "keystore.primary";
            var host = node.Host;
            var security = IsLayout.SecurityFolder(host, node.Home);
            var fileName = Value(toml, table, "file_name")
                ?? (host.FileExists(host.Combine(security, "wso2carbon.p12")) ? "wso2carbon.p12" : "wso2carbon.jks");
            var path = fileName.StartsWith("/", StringComparison.Ordinal) ? fileName
                : fileName.Contains("/") ? host.Combine(node.Home, fileName) : host.Combine(security, fileName);
            var type = Value(toml, table, "type");
            var isPkcs12 = type != null
                ? string.Equals(type, "PKCS12", StringComparison.OrdinalIgnoreCase)
                : fileName.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase);
            // A $secret{} key password is itself sealed with this keystore: the store's password is the way in then.
            var keyPassword = Value(toml, table, "key_password");
            if (keyPassword != null && keyPassword.StartsWith("$secret{", StringComparison.Ordinal)) keyPassword = null;
            return new VaultKeystoreLocation(path, isPkcs12 ? VaultKeystoreType.Pkcs12 : VaultKeystoreType.Jks,
                Value(toml, table, "alias") ?? DefaultAlias, table, keyPassword);
        }

        /// <summary>A value of the table, following one <c>$ref{table.key}</c> as WSO2 does.</summary>
        private static string Value(TomlEditor toml, string table, string key)
        {
            var value = toml.Get(table, key) as string;
            if (value == null || !value.StartsWith("$ref{", StringComparison.Ordinal) || !value.EndsWith("}", StringComparison.Ordinal))
                return value;
            var reference = value.Substring(5, value.Length - 6);
            var dot = reference.LastIndexOf('.');
            return dot <= 0 ? null : toml.Get(reference.Substring(0, dot), reference.Substring(dot + 1)) as string;
        }
    }
}
