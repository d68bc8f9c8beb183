using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is;

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
        public string Sticky { get; set; } = "IpHash";
        public string UpstreamName { get; set; } = "wso2_is";
        public string FileName { get; set; } = "is";
        public string CertificatePath { get; set; }
        public string CertificateKeyPath { get; set; }
    }

    /// <summary>The vhost files for a set of nodes: one per scheme, each with its own upstream.</summary>
    public static class NginxPlan
    {
        public static IReadOnlyList<(NginxVhost Vhost, string FileName)> For(IReadOnlyList<NodeRecord> nodes, NginxSiteSettings settings)
        {
            if (nodes.Count == 0) throw new ArgumentException("No nodes were given: pipe the IS nodes (New-IsClusterNode or Get-IsClusterNode) into New-NginxUpstream.");
            NginxValue.Identifier("file name", settings.FileName.Replace('.', '_').Replace('-', '_'));
            var plan = new List<(NginxVhost, string)>();
            // HTTPS goes to 9443+offset over https://, HTTP to 9763+offset over http://; the
            // recipe's HTTP vhost sent plain HTTP to the HTTPS ports.
            if (settings.Https)
                plan.Add((Vhost(nodes, settings, https: true, settings.HttpsListenPort, n => IsPorts.Https(n.Offset)), settings.FileName + ".https.conf"));
            if (settings.Http)
                plan.Add((Vhost(nodes, settings, https: false, settings.HttpListenPort, n => IsPorts.Http(n.Offset)), settings.FileName + ".http.conf"));
            return plan;
        }

        private static NginxVhost Vhost(IReadOnlyList<NodeRecord> nodes, NginxSiteSettings settings, bool https, int listenPort, Func<NodeRecord, int> port)
        {
            var backends = nodes.Select(n => new NginxBackend(n.ClusterHost, port(n), $"{n.Name} ({n.Role}) {n.Host.Name}:{n.Home}"))
                                .GroupBy(b => b.Endpoint).Select(g => g.First()).ToList();
            return new NginxVhost(settings.ServerName, https, settings.ListenAddress, listenPort, settings.UpstreamName + (https ? "_https" : "_http"),
                settings.Sticky, settings.CertificatePath, settings.CertificateKeyPath, backends);
        }
    }
}
