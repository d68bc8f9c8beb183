using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>
    /// Whether the nodes hold alike what a cluster needs alike. For each thing, what most nodes
    /// hold is expected (a tie goes to the node given first) and every other node differs.
    /// </summary>
    public static class Agreement
    {
        public const string Absent = "(absent)";

        /// <summary>The checks this compares, in the order Test-IsCluster reports them.</summary>
        public static IReadOnlyList<CheckName> Checks { get; } = new[]
        {
            CheckName.Configuration, CheckName.Keystores, CheckName.EncryptionKey, CheckName.SecureVault, CheckName.JdbcDrivers,
            CheckName.ProductVersion, CheckName.UserStores,
        };

        /// <param name="excluded">Facts the admin keeps different on purpose (-Exclude).</param>
        public static IReadOnlyList<NodeDifference> Differences(IReadOnlyList<NodeFacts> nodes, Func<NodeFact, bool> excluded)
        {
            var byNode = nodes.Select(n => n.Facts.Where(f => !excluded(f))
                .GroupBy(Identity).ToDictionary(g => g.Key, g => g.First())).ToList();
            var differences = new List<NodeDifference>();
            foreach (var identity in byNode.SelectMany(d => d.Keys).Distinct().ToList())
            {
                var held = byNode.Select(d => d.TryGetValue(identity, out var fact) ? fact : null).ToList();
                var groups = Enumerable.Range(0, nodes.Count).GroupBy(i => held[i]?.Value, StringComparer.Ordinal).ToList();
                if (groups.Count == 1) continue;
                var expected = groups.OrderByDescending(g => g.Count()).ThenBy(g => g.First()).First();
                var secret = held.Any(f => f != null && f.Secret);
                string Shown(NodeFact fact) => fact == null ? Absent : secret ? SecretMask.Mask : fact.Value;
                var expectedShown = Shown(held[expected.First()]);
                differences.AddRange(groups.Where(g => g != expected).SelectMany(g => g).OrderBy(i => i).Select(i =>
                    new NodeDifference(identity.Check, nodes[i].Node, identity.Item, identity.Key, Shown(held[i]), expectedShown)));
            }
            return differences;
        }

        /// <summary>One result per check: passed for the cluster, or failed for each node that differs, naming what differs.</summary>
        public static IEnumerable<ClusterCheckResult> Results(IReadOnlyList<NodeFacts> nodes, IReadOnlyList<NodeDifference> differences)
        {
            foreach (var check in Checks)
            {
                var compared = nodes.SelectMany(n => n.Facts).Where(f => f.Check == check).Select(Identity).Distinct().Count();
                if (nodes.Count < 2)
                {
                    yield return new ClusterCheckResult(check, ClusterCheck.Cluster, CheckOutcome.Warning,
                        "only one node was given: there is nothing to compare it with. Give every node of the cluster");
                    continue;
                }
                var found = differences.Where(d => d.Check == check).ToList();
                if (found.Count == 0)
                {
                    yield return new ClusterCheckResult(check, ClusterCheck.Cluster, check != CheckName.Keystores || compared > 0,
                        compared == 0 ? Nothing(check) : $"all {nodes.Count} nodes hold the same {Things(check, compared, nodes[0])}");
                    continue;
                }
                foreach (var node in found.GroupBy(d => d.Node))
                    yield return new ClusterCheckResult(check, node.Key.Name, false, string.Join("; ", node.Select(d =>
                        $"{d.Item}: {d.Key} is {d.Value}, the others {d.Expected}")) + ". " + Advice(check));
            }
        }

        private static (CheckName Check, string Item, string Key) Identity(NodeFact fact) => (fact.Check, fact.Item, fact.Key);

        private static string Things(CheckName check, int count, NodeFacts first)
        {
            switch (check)
            {
                case CheckName.Configuration:
                    return $"{count} deployment.toml keys (per node by nature, left out: " +
                        string.Join(", ", DeploymentKeys.PerNode.Select(k => k.ToString())) + ")";
                case CheckName.Keystores: return $"{count} certificates in their keystores and truststore";
                case CheckName.EncryptionKey:
                    return first.StockEncryptionKey ? "[encryption] key: none set, the product's built-in key (see StockEncryptionKey)"
                        : "[encryption] key";
                case CheckName.SecureVault: return $"{count} Secure Vault settings";
                case CheckName.JdbcDrivers: return $"{count} jars in repository/components/lib";
                case CheckName.ProductVersion: return "product version and update level";
                default: return $"{count} user stores";
            }
        }

        private static string Nothing(CheckName check)
        {
            switch (check)
            {
                case CheckName.Keystores: return "no node has a keystore to compare: check [keystore.primary] file_name";
                case CheckName.JdbcDrivers: return "no node has a jar in repository/components/lib, so there is none to compare";
                case CheckName.UserStores: return "no node has a secondary user store";
                case CheckName.SecureVault: return "Secure Vault is off on every node: secret-conf.properties sets nothing";
                default: return "no node has anything to compare";
            }
        }

        private static string Advice(CheckName check)
        {
            switch (check)
            {
                case CheckName.Configuration:
                    return "Make the files agree (a cluster spec applies one configuration to every node: Invoke-IsClusterPlan), or " +
                        "name the keys kept apart on purpose with -Exclude";
                case CheckName.Keystores:
                    return "Give every node the same keystores (Set-IsKeystore): a token signed on one node is refused by the others";
                case CheckName.EncryptionKey:
                    return "Give every node the same key (Set-IsKeystore -EncryptionKey): a node cannot read what another encrypted";
                case CheckName.SecureVault: return "Seal the secrets the same way on every node (Protect-IsSecret with every node)";
                case CheckName.JdbcDrivers: return "Copy the same driver to every node (Set-IsDatabase -JdbcDriverPath with every node)";
                case CheckName.ProductVersion: return "Update every node to the same version and update level before they run together";
                default: return "Deploy the same user stores to every node: users of a store one node lacks are missing there";
            }
        }
    }
}
