using System;
using System.Collections.Generic;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// A keystore deployment.toml names, as the server finds it: <c>[keystore.tls]</c> and
    /// <c>[keystore.internal]</c> fall back to <c>[keystore.primary]</c>; the primary store defaults
    /// to the pack's wso2carbon.p12 (IS 7.1+) or wso2carbon.jks, the truststore to client-truststore;
    /// a bare file name lives in repository/resources/security; <c>$ref{table.key}</c> is followed.
    /// </summary>
    public sealed class KeystoreTable
    {
        public const string Primary = "keystore.primary";
        public const string Tls = "keystore.tls";
        public const string Internal = "keystore.internal";
        public const string Truststore = "truststore";

        /// <summary>Every store a node reads, in the order WSO2's docs list them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Primary, Tls, Internal, Truststore };

        private KeystoreTable(string table, string path, VaultKeystoreType type, string alias, string password, string keyPassword)
        {
            Table = table;
            Path = path;
            Type = type;
            Alias = alias;
            Password = password;
            KeyPassword = keyPassword;
        }

        /// <summary>The table whose file_name names the store: the table asked for, or primary it falls back to.</summary>
        public string Table { get; }

        /// <summary>The store's full path on the node's host.</summary>
        public string Path { get; }

        public VaultKeystoreType Type { get; }
        public string Alias { get; }

        /// <summary>The store's password where the file gives it in plain text; null when sealed ($secret{}) or absent.</summary>
        public string Password { get; }

        /// <summary>The key's own password (key_password) where given in plain text; null: the store's.</summary>
        public string KeyPassword { get; }

        public static KeystoreTable Of(NodeRecord node, TomlEditor toml, string table)
        {
            var host = node.Host;
            var security = IsLayout.SecurityFolder(host, node.Home);
            if (table != Truststore && table != Primary && Value(toml, table, "file_name") == null) table = Primary;
            var stock = table == Truststore ? "client-truststore" : "wso2carbon";
            var fileName = Value(toml, table, "file_name")
                ?? (host.FileExists(host.Combine(security, stock + ".p12")) ? stock + ".p12" : stock + ".jks");
            var path = fileName.StartsWith("/", StringComparison.Ordinal) ? fileName
                : fileName.Contains("/") ? host.Combine(node.Home, fileName) : host.Combine(security, fileName);
            var type = Value(toml, table, "type");
            var isPkcs12 = type != null
                ? string.Equals(type, "PKCS12", StringComparison.OrdinalIgnoreCase)
                : fileName.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase);
            return new KeystoreTable(table, path, isPkcs12 ? VaultKeystoreType.Pkcs12 : VaultKeystoreType.Jks,
                Value(toml, table, "alias") ?? VaultKeystoreLocation.DefaultAlias, Plain(Value(toml, table, "password")),
                Plain(Value(toml, table, "key_password")));
        }

        /// <summary>A sealed value is no password: it is itself encrypted with the keystore.</summary>
        private static string Plain(string value) => value != null && value.StartsWith("$secret{", StringComparison.Ordinal) ? null : value;

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
