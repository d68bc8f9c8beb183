using System;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>Why a connection could not be made (an SSH.NET type never leaves the engine).</summary>
    public sealed class SshConnectException : Exception
    {
        public SshConnectException(bool authentication, string message, Exception inner) : base(message, inner)
        {
            Authentication = authentication;
        }

        public bool Authentication { get; }
    }
}
