using System;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>A pack that cannot be used to make an IS node.</summary>
    public sealed class PackException : Exception
    {
        public PackException(string message, Exception inner = null) : base(message, inner)
        {
        }
    }
}
