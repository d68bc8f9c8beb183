using System;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>How to reach a machine over SSH and how to decide whether to trust it.</summary>
    public sealed class SshOptions
    {
        public string HostName { get; set; }
        public int Port { get; set; } = 22;
        public string UserName { get; set; }
        public string Password { get; set; }
        public string KeyFilePath { get; set; }

        /// <summary>The private key itself (OpenSSH or PEM text), as a vault hands it out; used instead of a file.</summary>
        public string KeyText { get; set; }
        public string KeyPassphrase { get; set; }
        public string KnownHostsPath { get; set; }

        /// <summary>OpenSSH's notation, SHA256:...; when given, known_hosts is not consulted.</summary>
        public string PinnedFingerprint { get; set; }

        public bool AcceptNewHostKey { get; set; }

        /// <summary>Do the privileged steps (writing /etc/nginx and /etc/hosts, reloading NGINX) through <c>sudo -n</c>.</summary>
        public bool UseSudo { get; set; }

        /// <summary>Connect again when a connection dropped, to the host key first trusted only.</summary>
        public bool Reconnect { get; set; }

        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The same settings for another machine.</summary>
        public SshOptions For(string hostName)
        {
            var copy = (SshOptions)MemberwiseClone();
            copy.HostName = hostName;
            return copy;
        }
    }
}
