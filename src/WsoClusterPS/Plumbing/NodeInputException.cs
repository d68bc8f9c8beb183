using System;

namespace WsoClusterPS.Plumbing
{
    /// <summary>What a cmdlet that acts on the whole cluster was given is not the whole cluster: no node at all, or an
    /// input that did not bind.</summary>
    internal sealed class NodeInputException : ArgumentException
    {
        public NodeInputException(bool none, string message) : base(message)
        {
            None = none;
        }

        /// <summary>No node at all (rather than some inputs that failed).</summary>
        public bool None { get; }
    }
}
