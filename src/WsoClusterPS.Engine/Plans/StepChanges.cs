using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Is.Keystores;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>What a step cmdlet plans for one node, as the changes of a one-step plan.</summary>
    public static class StepChanges
    {
        /// <summary>Secure Vault's secret-conf.properties, then deployment.toml, which refers to it; each only when it
        /// changes.</summary>
        /// <param name="reason">Why deployment.toml changes.</param>
        public static IReadOnlyList<ClusterChange> Of(VaultEdit files, string node, string reason, IReadOnlyList<ClusterChange> after = null)
        {
            var changes = new List<ClusterChange>();
            after = after ?? new List<ClusterChange>();
            if (files.SecretConf != null && files.SecretConf.Changed)
                changes.Add(ClusterChange.Of(files.SecretConf, node, "Secure Vault is not set up for the sealed secrets", after));
            if (files.Toml.Changed) changes.Add(ClusterChange.Of(files.Toml, node, reason, after.Concat(changes).ToList()));
            return changes;
        }

        /// <summary>The copy of a driver jar that is not there yet (and the removal of older ones); null when it is current.</summary>
        public static ClusterChange Of(JdbcDriver driver, string node) =>
            driver == null || !driver.Changed ? null
                : new ClusterChange(driver.Host, driver.Target, driver.Stale.Count > 0 ? ChangeAction.Update : ChangeAction.Create, node,
                    driver.Description, run => driver.Apply());

        /// <summary>A whole file written (a keystore); null when there is nothing to write.</summary>
        public static ClusterChange Of(FileWrite write, string node, IReadOnlyList<ClusterChange> after = null) =>
            write == null ? null
                : new ClusterChange(write.Host, write.Path, write.Existed ? ChangeAction.Update : ChangeAction.Create, node, write.Description,
                    run => write.Apply(run.KeepBackup, run.Wait), after);

        /// <summary>The keystore, then the truststore that trusts it, then the files that name them.</summary>
        public static IReadOnlyList<ClusterChange> Of(KeystorePlan plan)
        {
            var keystore = Of(plan.Keystore, plan.Node.Name);
            var files = new[] { keystore, Of(plan.Truststore, plan.Node.Name, new[] { keystore }.Where(c => c != null).ToList()) }
                .Where(c => c != null).ToList();
            return files.Concat(Of(plan.Files, plan.Node.Name, "the cluster's keys", files)).ToList();
        }

        /// <summary>The driver copy first; the node's files only once it is there.</summary>
        public static IReadOnlyList<ClusterChange> Of(NodeDatabasePlan plan)
        {
            var copy = new[] { Of(plan.Driver, plan.Node.Name) }.Where(c => c != null).ToList();
            return copy.Concat(Of(plan.Files, plan.Node.Name, "the database settings asked for", copy)).ToList();
        }
    }
}
