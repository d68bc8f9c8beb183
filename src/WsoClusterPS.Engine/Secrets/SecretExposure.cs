using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// Where a node keeps a secret in the open: password keys of deployment.toml that are plain
    /// text (not $secret{} or $ref{}), and files holding secrets that its group or others may read.
    /// </summary>
    public static class SecretExposure
    {
        /// <summary>Warnings for the node, each saying what and what to do; none when nothing is exposed.</summary>
        public static IReadOnlyList<string> Find(NodeRecord node, TomlEditor toml)
        {
            var warnings = new List<string>();
            var plain = PlainPasswords(toml);
            if (plain.Count > 0)
                warnings.Add($"Node '{node.Name}': {plain.Count} plain-text password(s) in deployment.toml ({string.Join(", ", plain)}). " +
                    "Seal them with WSO2 Secure Vault: Set-IsDatabase -EncryptSecret for the database, Protect-IsSecret for the rest.");
            var host = node.Host;
            var files = new[] { node.DeploymentToml, node.DeploymentToml + ".bak", host.Combine(node.Home, "password-persist") };
            foreach (var file in files.Where(host.FileExists))
            {
                var mode = host.Permissions(file);
                if ((mode & 0x3F) != 0 && (file != node.DeploymentToml || plain.Count > 0))
                    warnings.Add($"Node '{node.Name}': {file} on {host.Name} holds secrets and its group or others may read it (mode " +
                        $"{Convert.ToString(mode, 8).PadLeft(3, '0')}). Make it readable by its owner only (chmod 600).");
            }
            return warnings;
        }

        /// <summary>"[table] key" for every key named like a password whose value is plain text.</summary>
        private static IReadOnlyList<string> PlainPasswords(TomlEditor toml) =>
            toml.Tables().Where(t => t != DeploymentKeys.Secrets)
                .SelectMany(table => toml.Keys(table).Where(IsPasswordKey).Where(key => IsPlain(toml.Get(table, key)))
                    .Select(key => $"[{table}] {key}"))
                .ToList();

        private static bool IsPasswordKey(string key) => key.EndsWith("password", StringComparison.OrdinalIgnoreCase);

        private static bool IsPlain(object value) =>
            value is string text && text.Length > 0 && !text.StartsWith("$secret{", StringComparison.Ordinal) &&
            !text.StartsWith("$ref{", StringComparison.Ordinal);
    }
}
