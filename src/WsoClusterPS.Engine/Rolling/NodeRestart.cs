using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>How one node's restart went.</summary>
    public sealed class NodeRestart
    {
        public NodeRestart(NodeRecord node, int upstreams, int connectionsLeft, TimeSpan outOfService)
        {
            Node = node;
            Upstreams = upstreams;
            ConnectionsLeft = connectionsLeft;
            OutOfService = outOfService;
        }

        public NodeRecord Node { get; }

        /// <summary>How many upstreams it was drained from (0: no given site lists it).</summary>
        public int Upstreams { get; }

        /// <summary>Connections still open when the drain wait ended and the node was stopped.</summary>
        public int ConnectionsLeft { get; }

        /// <summary>From the drain (or the stop) until it was back in its upstreams (or ready).</summary>
        public TimeSpan OutOfService { get; }
    }
}
