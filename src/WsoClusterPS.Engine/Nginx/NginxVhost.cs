using System.Collections.Generic;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>One upstream server: an IS node's address and port for the vhost's scheme.</summary>
    public sealed class NginxBackend
    {
        public NginxBackend(string address, int port, string description)
        {
            Address = address;
            Port = port;
            Description = description;
        }

        public string Address { get; }
        public int Port { get; }

        /// <summary>Which node this is, for the generated file's header.</summary>
        public string Description { get; }

        public string Endpoint => (Address.Contains(":") ? "[" + Address + "]" : Address) + ":" + Port;
    }

    /// <summary>One NGINX vhost in front of the IS nodes, for one scheme.</summary>
    public sealed class NginxVhost
    {
        public NginxVhost(string serverName, bool https, string listenAddress, int listenPort, string upstreamName, string sticky,
            string certificatePath, string certificateKeyPath, IReadOnlyList<NginxBackend> backends)
        {
            ServerName = NginxValue.ServerName(serverName);
            Https = https;
            ListenAddress = listenAddress == null ? null : NginxValue.Address(listenAddress);
            ListenPort = listenPort;
            UpstreamName = NginxValue.Identifier("upstream name", upstreamName);
            Sticky = sticky;
            CertificatePath = https ? NginxValue.Path("certificate path", certificatePath) : null;
            CertificateKeyPath = https ? NginxValue.Path("certificate key path", certificateKeyPath) : null;
            Backends = backends;
            foreach (var backend in backends) NginxValue.Address(backend.Address);
        }

        public string ServerName { get; }
        public bool Https { get; }
        public string Scheme => Https ? "https" : "http";
        public string ListenAddress { get; }
        public int ListenPort { get; }
        public string UpstreamName { get; }

        /// <summary>IpHash, Cookie or None.</summary>
        public string Sticky { get; }

        public string CertificatePath { get; }
        public string CertificateKeyPath { get; }
        public IReadOnlyList<NginxBackend> Backends { get; }
    }
}
