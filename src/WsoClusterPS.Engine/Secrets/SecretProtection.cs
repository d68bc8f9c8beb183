using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// Any secret (the admin password, a keystore password) sealed into a node's [secrets] under an
    /// alias of the admin's choosing, and optionally referenced from a key as $secret{alias}.
    /// </summary>
    public static class SecretProtection
    {
        /// <param name="table">With <paramref name="key"/>, where the reference goes ([super_admin] password); null for none.</param>
        /// <param name="replace">An alias that holds another secret is sealed over; without it, that is refused.</param>
        public static VaultEdit Plan(NodeRecord node, string keystorePassword, string alias, string secret, string table, string key,
            bool replace) =>
            VaultEdit.Plan(node, keystorePassword, (toml, writer) =>
            {
                if (table == DeploymentKeys.Secrets)
                    throw new System.ArgumentException($"-Table {table} would put a $secret{{}} reference inside [secrets] itself, which " +
                        "holds only sealed values. Name the table whose key should refer to the secret (super_admin, keystore.primary); " +
                        "nothing was written.");
                if (table != null && !toml.Tables().Contains(table))
                    throw new System.ArgumentException($"{node.DeploymentToml} on {node.Host.Name} has no [{table}] table, so no " +
                        $"setting there could refer to the secret (a misspelt table would be made anew and IS would ignore it). Check " +
                        "-Table against the file; nothing was written.");
                var vault = (SecureVaultWriter)writer;
                if (!replace && vault.HoldsOtherSecret(toml, alias, secret))
                    throw new System.ArgumentException($"[secrets] {alias} in {node.DeploymentToml} on {node.Host.Name} already holds " +
                        "another secret. Give -Force to replace it, or another -Alias; nothing was written.");
                vault.Protect(toml, alias, secret);
                if (table != null) toml.SetString(table, key, SecureVaultWriter.Reference(alias));
            });

    }
}
