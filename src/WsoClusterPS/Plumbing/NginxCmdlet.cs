using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Engine.Rolling;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// A cmdlet that reloads NGINX, as Invoke-NginxReload does: the same parameters say which
    /// NGINX, so a private one (-Prefix, -ConfigPath) and a system one (-Method Systemctl) both work.
    /// </summary>
    public abstract class NginxCmdlet : CancellableCmdlet
    {
        private readonly Dictionary<IHost, NginxControl> _controls = new Dictionary<IHost, NginxControl>();

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string NginxPath { get; set; } = "nginx";

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string ConfigPath { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Prefix { get; set; }

        [Parameter]
        public NginxReloadMethod Method { get; set; } = NginxReloadMethod.Signal;

        /// <summary>The NGINX on <paramref name="host"/>, its paths resolved there (ArgumentException when one cannot be).</summary>
        internal NginxControl NginxOn(IHost host)
        {
            if (!_controls.TryGetValue(host, out var control))
                _controls[host] = control = new NginxControl(host, NginxPath,
                    ConfigPath == null ? null : SessionTarget.Path(this, host, ConfigPath),
                    Prefix == null ? null : SessionTarget.Path(this, host, Prefix), Method.ToEngine());
            return control;
        }

        /// <summary>The drain of <paramref name="node"/> at the given sites' NGINX.</summary>
        internal NodeDrain DrainAt(IsNode node, IEnumerable<NginxSite> sites) =>
            new NodeDrain(node.Record, sites.Select(s => new SiteFile(s.Edit.Host, s.Path)).ToList(), NginxOn);

        /// <summary>Says so when no upstream of the sites names the node as New-NginxUpstream writes it (host:port).</summary>
        internal void WarnIfUnlisted(IsNode node, NodeDrain drain)
        {
            if (drain.Upstreams().Count > 0) return;
            WriteWarning($"No upstream of the given sites lists '{node.Name}' ({node.ClusterHost}:{node.HttpsPort} or :{node.HttpPort}): " +
                "it is not drained, and requests NGINX sends it may fail while it is down.");
        }
    }
}
