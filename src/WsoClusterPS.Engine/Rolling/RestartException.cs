using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>A restart that stopped, with the node it stopped at and why.</summary>
    public sealed class RestartException : Exception
    {
        public RestartException(RollStop reason, NodeRecord node, string message, Exception inner = null) : base(message, inner)
        {
            Reason = reason;
            Node = node;
        }

        public RollStop Reason { get; }
        public NodeRecord Node { get; }
    }
}
