
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
}
