using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>Hazelcast WKA clustering and the load-balancer facing settings of every node.</summary>
    public sealed class ClusterSettings
    {
        public ClusterSettings(IReadOnlyList<string> members, string domain, string hostname, int? httpsProxyPort, int? httpProxyPort)
        {
            Members = members;
            Domain = domain;
            Hostname = hostname;
            HttpsProxyPort = httpsProxyPort;
            HttpProxyPort = httpProxyPort;
        }

        public IReadOnlyList<string> Members { get; }
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
                    $"Nodes {string.Join(" and ", clash.Select(n => $"'{n.Name}' ({n.Home})"))} are on one host ({clash.Key.Machine}) with one cluster port, {clash.Key.ClusterPort}. " +
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

        public void ApplyTo(TomlEditor toml, NodeRecord node)
        {
            toml.SetString("clustering", "membership_scheme", "wka");
            if (Domain != null) toml.SetString("clustering", "domain", Domain);
            toml.SetString("clustering", "local_member_host", node.ClusterHost);
            toml.SetString("clustering", "local_member_port", node.ClusterPort.ToString(CultureInfo.InvariantCulture));
            toml.SetStringArray("clustering", "members", Members);
            if (Hostname != null) toml.SetString("server", "hostname", Hostname);
            if (HttpsProxyPort.HasValue) toml.SetInteger("transport.https.properties", "proxyPort", HttpsProxyPort.Value);
            if (HttpProxyPort.HasValue) toml.SetInteger("transport.http.properties", "proxyPort", HttpProxyPort.Value);
        }

        public static bool IsLoopback(string host) =>
            host == "localhost" || host == "::1" || host.StartsWith("127.", System.StringComparison.Ordinal);
    }
}
