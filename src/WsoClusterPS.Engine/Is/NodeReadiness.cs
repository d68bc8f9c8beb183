using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>
    /// Whether a restarted node is ready for traffic again, beyond answering on its port: its
    /// health API says so where it is enabled, and it has joined the cluster (a peer logged
    /// "Member joined" for it, or its own member list holds every member).
    /// </summary>
    public sealed class NodeReadiness
    {
        private const string HealthPath = "/api/health-check/v1.0/health";
        private readonly NodeRecord _node;
        private readonly IReadOnlyList<(NodeRecord Peer, long Offset)> _peers;
        private readonly long _ownOffset;
        private readonly int _members;
        private readonly bool _clustered;
        private readonly bool _healthCheck;

        /// <summary>Notes where every log ends now: only what is logged after this counts.</summary>
        /// <param name="members">How many members the cluster has with this node in it.</param>
        public NodeReadiness(NodeRecord node, IReadOnlyList<NodeRecord> peers, int members)
        {
            _node = node;
            _peers = peers.Select(p => (p, NodeLogs.End(p))).ToList();
            _ownOffset = NodeLogs.End(node);
            _members = members;
            var toml = TomlEditor.Read(node.Host, node.DeploymentToml);
            _clustered = toml.Get("clustering", "membership_scheme") is string scheme && scheme == "wka" && members > 1;
            _healthCheck = toml.Get("carbon_health_check", "enable") is true;
        }

        /// <summary>
        /// For a node started on its own (Start-IsNode -Site): its peers' logs are not at hand, so
        /// it is in when its own member list holds itself and every listed member that answers on
        /// its cluster port now.
        /// </summary>
        public static NodeReadiness ByMemberList(NodeRecord node)
        {
            // One that runs already printed its list before anyone looked: only its health counts.
            if (NodeLifecycle.RunningPid(node) != null) return new NodeReadiness(node, Array.Empty<NodeRecord>(), 1);
            var listed = WkaMembers.Listed(TomlEditor.Read(node.Host, node.DeploymentToml));
            var live = listed.Where(m => m != node.ClusterEndpoint).Count(m =>
                Nginx.NginxBackend.Parse(m) is (string address, int port) && node.Host.Answers(address, port));
            return new NodeReadiness(node, Array.Empty<NodeRecord>(), live + 1);
        }

        /// <summary>What the node has not shown yet; empty when it is ready.</summary>
        public string Missing()
        {
            if (_healthCheck && !Healthy()) return $"its health API ({HealthPath}) does not answer 200 yet";
            if (_clustered && !Joined()) return $"no member logged that it joined, and its own member list does not hold all {_members} members yet";
            return string.Empty;
        }

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
                    return client.GetAsync($"https://{Nginx.NginxBackend.EndpointOf(tunnel.Host, tunnel.Port)}{HealthPath}").GetAwaiter().GetResult().IsSuccessStatusCode;
                }
                catch (Exception error) when (error is HttpRequestException || error is OperationCanceledException)
                {
                    return false;
                }
            }
        }
    }
}
