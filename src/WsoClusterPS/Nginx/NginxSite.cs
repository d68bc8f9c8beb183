using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS
{
    /// <summary>One vhost file New-NginxUpstream wrote (or found up to date), with what it held before.</summary>
    public sealed class NginxSite
    {
        internal NginxSite(FileEdit edit, NginxVhost vhost, bool changed)
        {
            Edit = edit;
            Path = edit.Path;
            ServerName = vhost.ServerName;
            Scheme = vhost.Https ? NginxScheme.Https : NginxScheme.Http;
            Servers = vhost.Backends.Select(b => b.Endpoint).ToArray();
            ListenPort = vhost.ListenPort;
            Changed = changed;
        }

        public string Path { get; }
        public string ServerName { get; }
        public NginxScheme Scheme { get; }
        public int ListenPort { get; }

        /// <summary>The upstream servers, host:port.</summary>
        public IReadOnlyList<string> Servers { get; }

        /// <summary>Whether the file was written (false: it already held this configuration).</summary>
        public bool Changed { get; }

        public string ComputerName => Edit.Host.Name;

        /// <summary>The file's earlier content, so Invoke-NginxReload can put it back.</summary>
        internal FileEdit Edit { get; }

        public override string ToString() => Path;
    }
}
