using System.Collections.Generic;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>Checks that a set of nodes forms one working cluster, from their files, ports and logs.</summary>
    public static class ClusterCheck
    {
        /// <summary>The target of a check about the nodes together.</summary>
        public const string Cluster = "(cluster)";

        /// <param name="warnings">Receives what is not a failed check but an admin should know: secrets kept in the open.</param>
        /// <param name="options">Null: exclude nothing, warn of certificates that expire within 30 days.</param>
        public static IReadOnlyList<ClusterCheckResult> Run(IReadOnlyList<NodeRecord> nodes, BalancerProbe balancer, ICollection<string> warnings,
            CheckOptions options = null)
        {
            options = options ?? new CheckOptions();
            var results = new List<ClusterCheckResult>();
            var facts = Facts(nodes);
            var tomls = facts.ToDictionary(f => f.Node, f => f.Toml);
            var expected = nodes.Select(n => n.ClusterEndpoint).OrderBy(e => e, StringComparer.Ordinal).ToList();
            foreach (var node in nodes)
            {
                foreach (var warning in Secrets.SecretExposure.Find(node, tomls[node])) warnings.Add(warning);
                if (NodeLifecycle.RemoveLeftoverPassword(node)) warnings.Add(NodeLifecycle.LeftoverPasswordRemoved(node));
            }

            foreach (var node in nodes)
            {
                var toml = tomls[node];
                var scheme = toml.Get(DeploymentKeys.MembershipScheme) as string;
                var members = ((toml.Get(DeploymentKeys.Members) as object[]) ?? Array.Empty<object>()).Select(m =>
                    m as string).OrderBy(m => m, StringComparer.Ordinal).ToList();
                var own = $"{toml.Get(DeploymentKeys.LocalMemberHost)}:{toml.Get(DeploymentKeys.LocalMemberPort)}";
                var problems = new List<string>();
                if (scheme != DeploymentKeys.Wka) problems.Add($"membership_scheme is '{scheme ?? "(not set)"}', not wka");
                var missing = expected.Except(members).ToList();
                if (missing.Count > 0) problems.Add("members lacks " + string.Join(", ", missing));
                if (own != node.ClusterEndpoint) problems.Add($"local_member_host:port is {own}, not {node.ClusterEndpoint}");
                results.Add(new ClusterCheckResult(CheckName.Clustering, node.Name, problems.Count == 0,
                    problems.Count == 0 ? $"wka, lists all {expected.Count} members and itself as " +
                        $"{own}" : string.Join("; ", problems) + ". Run Set-IsClustering with every node."));
            }

            try
            {
                ClusterSettings.MembersOf(nodes);
                results.Add(new ClusterCheckResult(CheckName.ClusterPorts, Cluster, true, "every node has its own cluster address"));
            }
            catch (ClusterPlanException e)
            {
                results.Add(new ClusterCheckResult(CheckName.ClusterPorts, Cluster, false, e.Message));
            }

            results.AddRange(Databases(nodes, tomls));
            results.Add(Same(CheckName.Hostname, nodes, n => tomls[n].Get(DeploymentKeys.Hostname) as string ?? "(not set)", "Run Set-IsClustering " +
                "-Hostname with every node."));

            foreach (var node in nodes)
            {
                var answers = NodeLifecycle.Answers(node);
                results.Add(new ClusterCheckResult(CheckName.Https, node.Name, answers,
                    answers ? $"answers on {node.ClusterHost}:{IsPorts.Https(node.Offset)}" : "nothing answers on " +
                        $"{node.ClusterHost}:{IsPorts.Https(node.Offset)}; start it with Start-IsNode"));
            }

            var logs = NodeLogs.ForCoordinator(nodes);
            var finding = CoordinatorFinder.Find(logs);
            var electees = ActiveElectees(logs, finding);
            results.Add(new ClusterCheckResult(CheckName.Coordinator, Cluster, electees.Count == 1,
                electees.Count == 1 ? $"'{electees[0]}' is the one coordinator"
                : electees.Count == 0 ? "no node is the coordinator now (none started, or the coordinator stopped and nobody was elected)"
                : $"{electees.Count} nodes consider themselves coordinator ({string.Join(", ", electees)}): a split cluster; check that " +
                    "every node lists every member and that the cluster ports are reachable"));

            results.AddRange(Agreement.Results(facts, Agreement.Differences(facts, options.Excluded)));
            if (balancer.Uri != null) results.Add(balancer.Check());
            var served = balancer.ServedCertificate is (string subject, DateTime notAfter)
                ? (balancer.Uri.ToString(), subject, notAfter) : ((string, string, DateTime)?)null;
            results.AddRange(ProductionWarnings.Results(facts, served, options.CertificateWarningDays, DateTime.UtcNow));
            return results;
        }

        /// <summary>What each node holds, read on every host at once (a host's nodes one after another, over its one connection).</summary>
        public static IReadOnlyList<NodeFacts> Facts(IReadOnlyList<NodeRecord> nodes) => PerHost.All(nodes, n => n.Host, NodeFactReader.Read);

        /// <summary>
        /// Per node, no datasource on an embedded H2 (each node would keep its own copy); across the
        /// nodes, every datasource on the same database. Failures name the table and where it points.
        /// </summary>
        private static IEnumerable<ClusterCheckResult> Databases(IReadOnlyList<NodeRecord> nodes, Dictionary<NodeRecord, TomlEditor> tomls)
        {
            var found = nodes.ToDictionary(n => n, n => Datasources.Find(tomls[n]));
            foreach (var node in nodes)
            {
                var embedded = found[node].Where(d => d.IsEmbedded).ToList();
                yield return new ClusterCheckResult(CheckName.Databases, node.Name, embedded.Count == 0, embedded.Count == 0
                    ? $"all {found[node].Count} datasources are on a database server"
                    : string.Join("; ", embedded.Select(d => $"[{d.Table}] is {d.Location}")) +
                        ": each node keeps its own copy. Run Set-IsDatabase with every node.");
            }
            // Two embedded H2s at the same path are two databases, one per node: never the same.
            (NodeRecord Node, string Location, bool Own) At(NodeRecord node, string table) =>
                found[node].FirstOrDefault(d => d.Table == table) is Datasource d
                    ? (node, d.IsEmbedded ? d.Location + " of its own" : d.Location, d.IsEmbedded)
                    : (node, $"no [{table}]", false);
            var differing = found.SelectMany(f => f.Value.Select(d => d.Table)).Distinct(StringComparer.Ordinal)
                .Select(table => (Table: table, Where: nodes.Select(n => At(n, table)).ToList()))
                .Where(t => t.Where.Select(w => w.Location).Distinct(StringComparer.Ordinal).Count() > 1 ||
                            (nodes.Count > 1 && t.Where.Any(w => w.Own)))
                .ToList();
            yield return new ClusterCheckResult(CheckName.Databases, Cluster, differing.Count == 0, differing.Count == 0
                ? "every node has the same datasources on the same databases"
                : string.Join("; ", differing.Select(d => $"[{d.Table}] differs: " +
                    string.Join(", ", d.Where.Select(w => $"{w.Node.Name} {w.Location}")))) + ". Run Set-IsDatabase with every node.");
        }

        private static ClusterCheckResult Same(CheckName check, IReadOnlyList<NodeRecord> nodes, Func<NodeRecord, string> value, string advice)
        {
            var groups = nodes.GroupBy(value).ToList();
            return groups.Count == 1
                ? new ClusterCheckResult(check, Cluster, true, "every node has " + groups[0].Key)
                : new ClusterCheckResult(check, Cluster, false, string.Join("; ", groups.Select(g =>
                    $"{string.Join(", ", g.Select(n => n.Name))}: {g.Key}")) + ". " + advice);
        }

        /// <summary>Nodes whose current incarnation elected itself and is still active.</summary>
        private static List<string> ActiveElectees(IEnumerable<(NodeRecord Node, IReadOnlyList<CarbonEvent> Events)> logs,
            CoordinatorFinding finding) =>
            finding.Members.Where(m => m.State == MemberState.Active && logs.First(l => l.Node == m.Node).Events.Any(e =>
                e.Kind == CarbonEventKind.Elected && e.MemberId == m.MemberId))
                .Select(m => m.Node.Name).ToList();
    }
}
