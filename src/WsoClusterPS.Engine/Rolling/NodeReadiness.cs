using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>
    /// Whether a restarted node is ready for traffic again, beyond answering on its port: its
    /// health API says so where it is enabled, and it has joined the cluster (a peer logged
    /// "Member joined" for it, or its own member list holds every member).
    /// </summary>
    public sealed class NodeReadiness
    {
        private readonly NodeRecord _node;
        private readonly IReadOnlyList<(NodeRecord Peer, long Offset)> _peers;
        private readonly long _ownOffset;
        private readonly int _members;
        private readonly bool _clustered;
        private readonly bool _healthCheck;

        /// <summary>Notes where every log ends now (only what is logged after this counts), and how many members run:
        /// those its own WKA list names and the peers given, each that answers on its cluster port now, and itself; at least
        /// as many as the other nodes the balancer sends requests to, and itself.</summary>
        /// <param name="othersServing">Other nodes its NGINX upstreams send requests to now (see Rolling.NodeDrain).</param>
        public NodeReadiness(NodeRecord node, IReadOnlyList<NodeRecord> peers, int othersServing = 0)
            : this(Math.Max(RunningMembers(node, peers), othersServing + 1), node, peers)
        {
        }

        private NodeReadiness(int members, NodeRecord node, IReadOnlyList<NodeRecord> peers)
        {
            _node = node;
            _peers = peers.Select(p => (p, NodeLogs.End(p))).ToList();
            _ownOffset = NodeLogs.End(node);
            _members = members;
            var toml = TomlEditor.Read(node.Host, node.DeploymentToml);
            _clustered = toml.Get(DeploymentKeys.MembershipScheme) is string scheme && scheme == DeploymentKeys.Wka && members > 1;
            _healthCheck = toml.Get(DeploymentKeys.HealthCheck) is true;
        }

        /// <summary>
        /// For a node started on its own (Start-IsNode -Site): its peers' logs are not at hand, so
        /// it is in when its own member list holds itself and every listed member that answers on
        /// its cluster port now.
        /// </summary>
        public static NodeReadiness ByMemberList(NodeRecord node, int othersServing = 0) =>
            // One that runs already printed its list before anyone looked: only its health counts.
            NodeLifecycle.RunningPid(node) != null ? new NodeReadiness(1, node, Array.Empty<NodeRecord>())
                : new NodeReadiness(node, Array.Empty<NodeRecord>(), othersServing);

        /// <summary>
        /// The members a node must see to be back: itself, and every other member that its WKA list
        /// names or that was given beside it, counted when it answers on its cluster port. Counting
        /// only the nodes given would call a node that sees nobody (a wrong members list: a split
        /// brain) "joined".
        /// </summary>
        private static int RunningMembers(NodeRecord node, IReadOnlyList<NodeRecord> peers)
        {
            var others = WkaMembers.Listed(TomlEditor.Read(node.Host, node.DeploymentToml))
                .Concat(peers.Select(p => p.ClusterEndpoint))
                .Where(m => m != node.ClusterEndpoint)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            return 1 + others.Count(m => Nginx.NginxBackend.Parse(m) is (string address, int port) && node.Host.Answers(address, port));
        }

        /// <summary>What the node has not shown yet; empty when it is ready.</summary>
        public string Missing()
        {
            if (_healthCheck && !Healthy()) return $"its health API ({IsLayout.HealthPath}) does not answer 200 yet";
            if (!_clustered) return string.Empty;
            if (ElectedItself())
                return $"it elected itself coordinator while {_members - 1} other member(s) run: a split cluster. Check that its " +
                    "[clustering] members list reaches the others (Set-IsClustering with every node), then Start-IsNode -Site";
            if (!Joined()) return $"no member logged that it joined, and its own member list does not hold all {_members} members yet";
            return string.Empty;
        }

        /// <summary>A node that joins a running cluster is its youngest member, never its coordinator: electing itself
        /// means it found no one.</summary>
        private bool ElectedItself() =>
            CarbonLog.Parse(NodeLogs.LinesSince(_node, _ownOffset)).Any(e => e.Kind == CarbonEventKind.Elected);

        private bool Joined() =>
            _peers.Any(p => CarbonLog.Parse(NodeLogs.LinesSince(p.Peer, p.Offset))
                .Any(e => e.Kind == CarbonEventKind.MemberJoined && e.Address == _node.ClusterEndpoint)) ||
            CarbonLog.MemberListSizes(NodeLogs.LinesSince(_node, _ownOffset)).Any(size => size >= _members);

        private bool Healthy()
        {
            using (var tunnel = _node.Host.OpenTunnel(_node.ClusterHost, IsPorts.Https(_node.Offset)))
            using (var handler = new HttpClientHandler
                   {
                       // The node's own certificate, asked only for a status code with nothing secret sent: no trust needed.
                       ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => true,
                   })
            using (var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) })
            {
                try
                {
                    return client.GetAsync($"https://{Nginx.NginxBackend.EndpointOf(tunnel.Host, tunnel.Port)}{IsLayout.HealthPath}").GetAwaiter().GetResult().IsSuccessStatusCode;
                }
                catch (Exception error) when (error is HttpRequestException || error is OperationCanceledException)
                {
                    return false;
                }
            }
        }
    }
}
