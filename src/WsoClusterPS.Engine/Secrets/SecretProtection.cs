using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// Any secret (the admin password, a keystore password) sealed into a node's [secrets] under an
    /// alias of the admin's choosing, and optionally referenced from a key as $secret{alias}.
    /// </summary>
    public static class SecretProtection
    {
        /// <param name="table">With <paramref name="key"/>, where the reference goes ([super_admin] password); null for none.</param>
        public static VaultEdit Plan(NodeRecord node, string keystorePassword, string alias, string secret, string table, string key) =>
            VaultEdit.Plan(node, keystorePassword, (toml, writer) =>
            {
                ((SecureVaultWriter)writer).Protect(toml, alias, secret);
                if (table != null) toml.SetString(table, key, SecureVaultWriter.Reference(alias));
            });

        /// <summary>Writes the confirmed files on every host at once.</summary>
        /// <returns>Per edit, in order: null, or why that node's write failed.</returns>
        public static IReadOnlyList<System.Exception> Apply(IReadOnlyList<(NodeRecord Node, VaultEdit Edit)> edits,
            IReadOnlyList<bool> writeSecretConf, IReadOnlyList<bool> writeToml, bool keepBackup, bool replaceReadOnly) =>
            PerHost.Run(Enumerable.Range(0, edits.Count).ToList(), i => edits[i].Node.Host, i =>
            {
                edits[i].Edit.Apply(writeSecretConf[i], writeToml[i], keepBackup, replaceReadOnly);
                return true;
            }).Select(o => o.Error).ToList();
    }
}
