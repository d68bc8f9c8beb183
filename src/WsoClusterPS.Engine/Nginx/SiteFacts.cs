using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>What a vhost file New-NginxUpstream wrote says, read back from disk: so a later session finds its sites again.</summary>
    public sealed class SiteFacts
    {
        private static readonly Regex ServerNameLine = new Regex(@"^\s*server_name\s+(?<name>[^\s;]+)[^;]*;", RegexOptions.Multiline |
            RegexOptions.CultureInvariant);
        private static readonly Regex ListenLine = new Regex(@"^\s*listen\s+(?:\S*:)?(?<port>\d+)(?<ssl>[^;]*\bssl\b)?[^;]*;",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private SiteFacts(string serverName, bool https, int listenPort, IReadOnlyList<UpstreamServer> servers)
        {
            ServerName = serverName;
            Https = https;
            ListenPort = listenPort;
            Servers = servers;
        }

        public string ServerName { get; }
        public bool Https { get; }
        public int ListenPort { get; }
        public IReadOnlyList<UpstreamServer> Servers { get; }

        /// <summary>The facts of a vhost this module generated; null for any other file (the WebSocket map, a hand-written
        /// site).</summary>
        public static SiteFacts Read(string text)
        {
            if (!text.StartsWith(NginxRenderer.VhostHeader, System.StringComparison.Ordinal)) return null;
            var name = ServerNameLine.Match(text);
            var listen = ListenLine.Match(text);
            var servers = UpstreamDrain.Servers(text);
            if (!name.Success || !listen.Success || servers.Count == 0) return null;
            return new SiteFacts(name.Groups["name"].Value, listen.Groups["ssl"].Success,
                int.Parse(listen.Groups["port"].Value, CultureInfo.InvariantCulture), servers);
        }
    }
}
