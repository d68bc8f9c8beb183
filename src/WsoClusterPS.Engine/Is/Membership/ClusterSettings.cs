using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>Hazelcast clustering (by a membership scheme) and the load-balancer facing settings of every node.</summary>
    public sealed class ClusterSettings
    {
        public ClusterSettings(IMembershipScheme scheme, string domain, string hostname, int? httpsProxyPort, int? httpProxyPort)
        {
            Scheme = scheme;
            Domain = domain;
            Hostname = hostname;
            HttpsProxyPort = httpsProxyPort;
            HttpProxyPort = httpProxyPort;
        }

        public IMembershipScheme Scheme { get; }
        public string Domain { get; }
        public string Hostname { get; }
        public int? HttpsProxyPort { get; }
        public int? HttpProxyPort { get; }

        /// <summary>
        /// Checks that the nodes can run side by side and returns the WKA member list: every
        /// node's host:port, since WSO2 asks for all members to be listed to avoid split brain.
        /// </summary>
        public static IReadOnlyList<string> MembersOf(IReadOnlyList<NodeRecord> nodes)
        {
            foreach (var clash in nodes.GroupBy(n => (Machine: n.Host.Name, n.ClusterPort)).Where(g => g.Count() > 1))
            {
                throw new ClusterPlanException(
                    $"Nodes {string.Join(" and ", clash.Select(n => $"'{n.Name}' ({n.Home})"))} are on one host ({clash.Key.Machine}) " +
                        $"with one cluster port, {clash.Key.ClusterPort}. " +
                    "Give each node its own -ClusterPort (New-IsClusterNode), then run again; no file was written.");
            }
            foreach (var clash in nodes.GroupBy(n => n.ClusterEndpoint).Where(g => g.Count() > 1))
            {
                throw new ClusterPlanException(
                    $"Nodes {string.Join(" and ", clash.Select(n => $"'{n.Name}'"))} share the cluster address {clash.Key}. " +
                    "Give each node its own -ClusterHost or -ClusterPort, then run again; no file was written.");
            }
            return nodes.Select(n => n.ClusterEndpoint).ToList();
        }

        /// <summary>Checks a member list given by hand: ports 1 to 65535, and each member once.</summary>
        public static IReadOnlyList<string> CheckMembers(IReadOnlyList<string> members)
        {
            foreach (var member in members)
            {
                var port = member.Substring(member.LastIndexOf(':') + 1);
                if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                    out var number) ||
                    number < 1 || number > 65535)
                    throw new ClusterPlanException($"The member '{member}' has the port {port}, which is not between 1 and 65535. " +
                        "Give each member as host:port; no file was written.");
            }
            foreach (var twice in members.GroupBy(m => m, System.StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                throw new ClusterPlanException($"The member '{twice.Key}' is listed {twice.Count()} times. List each member once; no " +
                    "file was written.");
            return members;
        }

        public void ApplyTo(TomlEditor toml, NodeRecord node)
        {
            SchemeProperties.RemoveStale(toml, Scheme.Name);
            toml.SetString(DeploymentKeys.MembershipScheme, Scheme.Name);
            if (Domain != null) toml.SetString(DeploymentKeys.Domain, Domain);
            Scheme.ApplyTo(toml, node);
            if (Hostname != null) toml.SetString(DeploymentKeys.Hostname, Hostname);
            if (HttpsProxyPort.HasValue) toml.SetInteger(DeploymentKeys.HttpsProxyPort, HttpsProxyPort.Value);
            if (HttpProxyPort.HasValue) toml.SetInteger(DeploymentKeys.HttpProxyPort, HttpProxyPort.Value);
        }

        /// <summary>What Carbon warns at start-up about a loopback cluster host, and what to do.</summary>
        public static string LoopbackWarning(NodeRecord node) =>
            $"Node '{node.Name}' uses the loopback address {node.ClusterHost} as its cluster host, as Carbon warns at start-up: " +
            "members on other machines cannot reach it. Fine when every node is on this machine; " +
            "otherwise make the node with -ClusterHost <its IP address>.";

        public static bool IsLoopback(string host) =>
            host == "localhost" || host == "::1" || host.StartsWith("127.", System.StringComparison.Ordinal);
    }
}
