using WsoClusterPS.Engine.Ssh;

namespace WsoClusterPS
{
    /// <summary>An SSH connection to a machine that holds IS nodes, NGINX or the hosts file.</summary>
    public sealed class IsSshSession
    {
        private static int _lastId;

        internal IsSshSession(SshHost host)
        {
            Host = host;
            Id = System.Threading.Interlocked.Increment(ref _lastId);
        }

        public int Id { get; }
        public string ComputerName => Host.Name;
        public string HostName => Host.Options.HostName;
        public int Port => Host.Options.Port;
        public string UserName => Host.Options.UserName;

        /// <summary>Whether the privileged steps (NGINX files and reload, the hosts file) go through sudo -n.</summary>
        public bool UseSudo => Host.Options.UseSudo;

        /// <summary>The server's host key, in OpenSSH's notation (SHA256:...).</summary>
        public string HostKeyFingerprint => Host.HostKeyFingerprint;

        public string State => Host.IsConnected ? "Opened" : "Closed";

        internal SshHost Host { get; }

        public override string ToString() => $"{UserName}@{ComputerName}";
    }
}
