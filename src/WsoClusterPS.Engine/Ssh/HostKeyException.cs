using System;

namespace WsoClusterPS.Engine.Ssh
{
    public enum HostKeyProblem
    {
        /// <summary>Not in known_hosts and no fingerprint pinned.</summary>
        Unknown,

        /// <summary>known_hosts holds another key of this type for the host: refused, always.</summary>
        Changed,

        /// <summary>The pinned fingerprint is not the server's.</summary>
        NotPinned,

        /// <summary>known_hosts marks the key @revoked.</summary>
        Revoked,
    }

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
