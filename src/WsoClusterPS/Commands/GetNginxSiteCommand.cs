using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Finds the vhosts New-NginxUpstream wrote in an NGINX configuration folder, as it emitted
    /// them: so a later session drains and restores nodes with no saved objects.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NginxSite", HelpUri = HelpLinks.Docs + "Get-NginxSite.md")]
    [OutputType(typeof(NginxSite))]
    public sealed class GetNginxSiteCommand : PSCmdlet
    {
        private readonly List<IsNode> _nodes = new List<IsNode>();

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string ConfigDirectory { get; set; } = "/etc/nginx/conf.d";

        /// <summary>Only the sites whose upstreams list one of these nodes.</summary>
        [Parameter(ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>The machine NGINX runs on; this one when not given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            if (Node != null) _nodes.AddRange(Node);
        }

        protected override void EndProcessing()
        {
            var host = SessionTarget.PrivilegedHost(Session);
            var directory = ConfigDirectory;
            try
            {
                directory = SessionTarget.Path(this, Session, ConfigDirectory);
                if (!host.DirectoryExists(directory))
                    throw new System.IO.DirectoryNotFoundException($"The NGINX configuration folder '{directory}' does not exist on " +
                        $"{host.Name}. Give -ConfigDirectory the folder New-NginxUpstream wrote to.");
                var endpoints = new HashSet<string>(_nodes.SelectMany(n => new[] { n.HttpsPort, n.HttpPort }
                    .Select(p => NginxBackend.EndpointOf(n.ClusterHost, p))));
                foreach (var name in host.ListFiles(directory).Where(f => f.EndsWith(".conf", StringComparison.Ordinal)).OrderBy(f => f,
                             StringComparer.Ordinal))
                {
                    var edit = FileEdit.Transform(host, host.Combine(directory, name), text => text);
                    var facts = SiteFacts.Read(edit.OldText);
                    if (facts == null || (endpoints.Count > 0 && !facts.Servers.Any(s => endpoints.Contains(s.Address)))) continue;
                    WriteObject(new NginxSite(edit, facts, changed: false));
                }
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, directory));
            }
        }
    }
}
