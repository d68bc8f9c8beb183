namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>What New-NginxUpstream was asked for, apart from the nodes.</summary>
    public sealed class NginxSiteSettings
    {
        public string ServerName { get; set; }
        public bool Https { get; set; } = true;
        public bool Http { get; set; } = true;
        public string ListenAddress { get; set; }
        public int HttpsListenPort { get; set; } = 443;
        public int HttpListenPort { get; set; } = 80;
        public Stickiness Sticky { get; set; } = Stickiness.IpHash;
        public string UpstreamName { get; set; } = "wso2_is";
        public string FileName { get; set; } = "is";
        public string CertificatePath { get; set; }
        public string CertificateKeyPath { get; set; }
    }
}
