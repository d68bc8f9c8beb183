using System;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>A host key that is not trusted; the message shows the server's fingerprint and what to do.</summary>
    public sealed class HostKeyException : Exception
    {
        public HostKeyException(HostKeyProblem problem, string host, string fingerprint, string message) : base(message)
        {
            Problem = problem;
            Host = host;
            Fingerprint = fingerprint;
        }

        public HostKeyProblem Problem { get; }
        public string Host { get; }

        /// <summary>The server's key, in OpenSSH's notation (SHA256:...).</summary>
        public string Fingerprint { get; }
    }
}
