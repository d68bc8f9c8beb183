using System.Collections.Generic;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>One NGINX vhost in front of the IS nodes, for one scheme.</summary>
    public sealed class NginxVhost
    {
        public NginxVhost(string serverName, bool https, string listenAddress, int listenPort, string upstreamName, Stickiness sticky,
            string certificatePath, string certificateKeyPath, IReadOnlyList<NginxBackend> backends)
        {
            ServerName = NginxValue.ServerName(serverName);
            Https = https;
            ListenAddress = listenAddress == null ? null : NginxValue.ListenAddress(listenAddress);
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

        public Stickiness Sticky { get; }

        public string CertificatePath { get; }
        public string CertificateKeyPath { get; }
        public IReadOnlyList<NginxBackend> Backends { get; }
    }
}
