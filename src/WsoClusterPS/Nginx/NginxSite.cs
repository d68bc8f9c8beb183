using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS
{
    /// <summary>One vhost file New-NginxUpstream wrote (or found up to date), with what it held before.</summary>
    public sealed class NginxSite
    {
        /// <summary>A site read back from disk (Get-NginxSite), or as just written.</summary>
        internal NginxSite(FileEdit edit, SiteFacts facts, bool changed)
        {
            Edit = edit;
            Path = edit.Path;
            ServerName = facts.ServerName;
            Scheme = facts.Https ? NginxScheme.Https : NginxScheme.Http;
            Servers = facts.Servers.Select(s => s.Address).Distinct().ToArray();
            Down = facts.Servers.Where(s => s.Down).Select(s => s.Address).Distinct().ToArray();
            ListenPort = facts.ListenPort;
            Changed = changed;
        }

        public string Path { get; }
        public string ServerName { get; }
        public NginxScheme Scheme { get; }
        public int ListenPort { get; }

        /// <summary>The upstream servers, host:port.</summary>
        public IReadOnlyList<string> Servers { get; }

        /// <summary>The upstream servers marked down: drained (Stop-IsNode -Site, Restart-IsNode -Rolling) or by hand.</summary>
        public IReadOnlyList<string> Down { get; }

        /// <summary>Whether the file was written (false: it already held this configuration).</summary>
        public bool Changed { get; }

        public string ComputerName => Edit.Host.Name;

        /// <summary>The file's earlier content, so Invoke-NginxReload can put it back.</summary>
        internal FileEdit Edit { get; }

        public override string ToString() => Path;
    }
}
