using System;
using System.IO;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>New-NginxUpstream's parameters read back from the vhosts it wrote: how a cluster spec is exported from
    /// sites that exist.</summary>
    public static class SiteSettingsReader
    {
        private static readonly Regex Listen = new Regex(@"^\s*listen\s+(?:(?<address>\[[^\]]+\]|[^\s:;\[]+):)?(?<port>\d+)",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex Upstream = new Regex(@"^upstream\s+(?<name>[^\s{]+)_(?:https|http)\s*\{", RegexOptions.Multiline |
            RegexOptions.CultureInvariant);
        private static readonly Regex Certificate = new Regex(@"^\s*ssl_certificate\s+""(?<path>[^""]*)"";", RegexOptions.Multiline |
            RegexOptions.CultureInvariant);
        private static readonly Regex CertificateKey = new Regex(@"^\s*ssl_certificate_key\s+""(?<path>[^""]*)"";",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>The settings of one or two generated vhosts (HTTPS, HTTP) of one site, by their paths and texts.</summary>
        public static NginxSiteSettings Read(System.Collections.Generic.IReadOnlyList<(string Path, string Text)> vhosts)
        {
            var settings = new NginxSiteSettings { Https = false, Http = false };
            foreach (var (path, text) in vhosts)
            {
                var facts = SiteFacts.Read(text) ?? throw new InvalidDataException($"'{path}' is not a vhost New-NginxUpstream wrote, " +
                    "so its settings cannot be read back. Give the sites Get-NginxSite finds.");
                var name = Path.GetFileName(path);
                var suffix = facts.Https ? ".https.conf" : ".http.conf";
                settings.FileName = name.EndsWith(suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - suffix.Length) : name;
                settings.ServerName = facts.ServerName;
                var listen = Listen.Match(text);
                settings.ListenAddress = listen.Groups["address"].Success ? listen.Groups["address"].Value.Trim('[', ']') : null;
                if (facts.Https)
                {
                    settings.Https = true;
                    settings.HttpsListenPort = facts.ListenPort;
                    settings.CertificatePath = Certificate.Match(text).Groups["path"].Value;
                    settings.CertificateKeyPath = CertificateKey.Match(text).Groups["path"].Value;
                }
                else
                {
                    settings.Http = true;
                    settings.HttpListenPort = facts.ListenPort;
                }
                if (Upstream.Match(text) is var upstream && upstream.Success) settings.UpstreamName = upstream.Groups["name"].Value;
                settings.Sticky = text.Contains("\n    ip_hash;\n") ? Stickiness.IpHash
                    : text.Contains("\n    hash $cookie_JSESSIONID consistent;\n") ? Stickiness.Cookie : Stickiness.None;
            }
            return settings;
        }
    }
}
