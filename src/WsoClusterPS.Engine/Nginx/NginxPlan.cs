using System.Collections.Generic;
using System.Linq;
using System;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>The vhost files for a set of nodes: one per scheme, each with its own upstream.</summary>
    public static class NginxPlan
    {
        /// <summary>
        /// The files to write into <paramref name="directory"/> on <paramref name="host"/>: the shared
        /// WebSocket map first, then a vhost per scheme. Checks first that the folder and the
        /// certificate files are there, since NGINX would refuse to start without them.
        /// </summary>
        /// <param name="certificatesToCome">Certificate files planned to be written first (-WhatIf): not there yet, and fine.</param>
        public static NginxFiles Files(IHost host, string directory, IReadOnlyList<NodeRecord> nodes, NginxSiteSettings settings,
            IReadOnlyCollection<string> certificatesToCome = null)
        {
            if (settings.Https) CheckCertificates(host, settings, certificatesToCome ?? new string[0]);
            if (!host.DirectoryExists(directory))
                throw new System.IO.DirectoryNotFoundException(
                    $"The NGINX configuration folder '{directory}' does not exist. " +
                    "Give -ConfigDirectory the folder your nginx.conf includes (often /etc/nginx/conf.d); nothing was written.");
            var sites = For(nodes, settings)
                .Select(p => (FileEdit.Replace(host, host.Combine(directory, p.FileName), NginxRenderer.Render(p.Vhost)), p.Vhost))
                .ToList();
            var upgradeMap = FileEdit.Replace(host, host.Combine(directory, NginxRenderer.UpgradeMapFileName), NginxRenderer.UpgradeMap());
            return new NginxFiles(upgradeMap, sites);
        }

        private static void CheckCertificates(IHost host, NginxSiteSettings settings, IReadOnlyCollection<string> toCome)
        {
            if (settings.CertificatePath == null || settings.CertificateKeyPath == null)
                throw new ArgumentException(
                    $"HTTPS needs -CertificatePath and -CertificateKeyPath (the PEM certificate and key for {settings.ServerName}). " +
                    "Give both, or -Scheme Http; nothing was written.");
            foreach (var path in new[] { settings.CertificatePath, settings.CertificateKeyPath }.Where(p => !toCome.Contains(p) && !host.FileExists(p)))
                throw new System.IO.FileNotFoundException(
                    $"The certificate file '{path}' does not exist on {host.Name}. " +
                    "NGINX would refuse to start with it; nothing was written.", path);
        }

        public static IReadOnlyList<(NginxVhost Vhost, string FileName)> For(IReadOnlyList<NodeRecord> nodes, NginxSiteSettings settings)
        {
            if (nodes.Count == 0) throw new ArgumentException("No nodes were given: pipe the IS nodes (New-IsClusterNode or " +
                "Get-IsClusterNode) into New-NginxUpstream.");
            NginxValue.Identifier("file name", settings.FileName.Replace('.', '_').Replace('-', '_'));
            var plan = new List<(NginxVhost, string)>();
            // HTTPS goes to 9443+offset over https://, HTTP to 9763+offset over http://; the
            // recipe's HTTP vhost sent plain HTTP to the HTTPS ports.
            if (settings.Https)
                plan.Add((Vhost(nodes, settings, https: true, settings.HttpsListenPort, n => IsPorts.Https(n.Offset)),
                    settings.FileName + ".https.conf"));
            if (settings.Http)
                plan.Add((Vhost(nodes, settings, https: false, settings.HttpListenPort, n => IsPorts.Http(n.Offset)),
                    settings.FileName + ".http.conf"));
            return plan;
        }

        private static NginxVhost Vhost(IReadOnlyList<NodeRecord> nodes, NginxSiteSettings settings, bool https, int listenPort,
            Func<NodeRecord, int> port)
        {
            var backends = nodes.Select(n => new NginxBackend(n.ClusterHost, port(n), $"{n.Name} ({n.Role}) " +
                $"{n.Host.Name}:{n.Home}")).ToList();
            // Two nodes on one address with one offset would listen on one port: only one of them can run.
            foreach (var clash in backends.GroupBy(b => b.Endpoint).Where(g => g.Count() > 1))
                throw new ArgumentException(
                    $"Nodes {string.Join(" and ", clash.Select(b => b.Description))} would both listen on {clash.Key}: give each node " +
                        "on one " +
                    "machine its own offset (New-IsClusterNode -Offset). Nothing was written.");
            return new NginxVhost(settings.ServerName, https, settings.ListenAddress, listenPort, settings.UpstreamName + (https
                ? "_https" : "_http"),
                settings.Sticky, settings.CertificatePath, settings.CertificateKeyPath, backends);
        }
    }
}
