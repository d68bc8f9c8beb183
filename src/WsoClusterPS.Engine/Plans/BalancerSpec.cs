using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A spec's LoadBalancer: New-NginxUpstream's and Invoke-NginxReload's parameters, the machine, and how the
    /// balancer is checked at the end.</summary>
    public sealed class BalancerSpec
    {
        /// <summary>Null for this machine.</summary>
        public string ComputerName { get; set; }
        public NginxSiteSettings Site { get; set; }
        public string ConfigDirectory { get; set; } = "/etc/nginx/conf.d";
        public string NginxPath { get; set; } = "nginx";
        public string ConfigPath { get; set; }
        public string Prefix { get; set; }
        public ReloadMethod Method { get; set; } = ReloadMethod.Signal;

        /// <summary>Test-IsCluster -LoadBalancerUri: checked at the end of a plan; null leaves the balancer unchecked.</summary>
        public System.Uri LoadBalancerUri { get; set; }
        public bool SkipCertificateCheck { get; set; }

        internal static BalancerSpec Read(SpecTable table)
        {
            var scheme = (table.String("Scheme") ?? "Both").ToLowerInvariant();
            if (scheme != "both" && scheme != "http" && scheme != "https")
                throw new SpecException($"LoadBalancer.Scheme is '{scheme}'; give Both, Http or Https. Nothing was changed.");
            var site = new NginxSiteSettings
            {
                ServerName = table.String("ServerName") ?? throw new SpecException("LoadBalancer has no ServerName: give the name " +
                    "clients use (wso2.is)."),
                Https = scheme != "http",
                Http = scheme != "https",
                ListenAddress = table.String("ListenAddress"),
                HttpsListenPort = table.Int("ListenPort", 1, 65535) ?? 443,
                HttpListenPort = table.Int("HttpListenPort", 1, 65535) ?? 80,
                Sticky = table.Enum<Stickiness>("Sticky") ?? Stickiness.IpHash,
                UpstreamName = table.String("UpstreamName") ?? "wso2_is",
                FileName = table.String("FileName") ?? "is",
                CertificatePath = table.String("CertificatePath"),
                CertificateKeyPath = table.String("CertificateKeyPath"),
            };
            var uri = table.String(nameof(LoadBalancerUri));
            var balancer = new BalancerSpec
            {
                ComputerName = ClusterSpec.Machine(table.String(nameof(ComputerName))),
                Site = site,
                ConfigDirectory = table.String(nameof(ConfigDirectory)) ?? "/etc/nginx/conf.d",
                NginxPath = table.String(nameof(NginxPath)) ?? "nginx",
                ConfigPath = table.String(nameof(ConfigPath)),
                Prefix = table.String(nameof(Prefix)),
                Method = table.Enum<ReloadMethod>(nameof(Method)) ?? ReloadMethod.Signal,
                LoadBalancerUri = uri == null ? null : System.Uri.TryCreate(uri, System.UriKind.Absolute, out var parsed) ? parsed
                    : throw new SpecException($"LoadBalancer.LoadBalancerUri '{uri}' is not an absolute URI (https://wso2.is/)."),
                SkipCertificateCheck = table.Bool(nameof(SkipCertificateCheck)),
            };
            table.RefuseUnknownKeys();
            return balancer;
        }
    }
}
