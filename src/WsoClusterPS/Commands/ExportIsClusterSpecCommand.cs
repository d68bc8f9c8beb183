using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Writes the spec of a cluster that exists (its nodes, database and balancer) as a .psd1, so it is managed
    /// from the spec from then on: planning the exported spec changes nothing.</summary>
    [Cmdlet(VerbsData.Export, "IsClusterSpec", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Export-IsClusterSpec.md")]
    [OutputType(typeof(System.IO.FileInfo))]
    public sealed class ExportIsClusterSpecCommand : NodeSetCmdlet
    {
        /// <summary>The balancer's vhosts (Get-NginxSite or New-NginxUpstream's output).</summary>
        [Parameter]
        [ValidateNotNull]
        public NginxSite[] Site { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Path { get; set; }

        /// <summary>The name the spec gives the database credential, resolved when it is planned.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string DatabaseCredentialName { get; set; } = "wso2is-db";

        /// <summary>The name the spec gives the keystore's password, when the database password is sealed with Secure Vault.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string KeystoreCredentialName { get; set; } = "wso2is-keystore";

        /// <summary>How the plan reaches the balancer's NGINX, as Invoke-NginxReload takes it.</summary>
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

        /// <summary>Written into the spec, so the plan's last check asks the balancer too.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri LoadBalancerUri { get; set; }

        /// <summary>Refuse to replace a file that exists.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            StopIfAnyInputFailed("the spec");
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                if (NoClobber && System.IO.File.Exists(path))
                    throw new System.IO.IOException($"'{path}' exists, and -NoClobber was given. Give another -Path, or leave out " +
                        "-NoClobber to replace it; nothing was written.");
                var sites = (Site ?? Array.Empty<NginxSite>()).Select(s => (s.Edit.Host, s.Path, Text: Read(s))).ToList();
                var balancer = new BalancerSpec
                {
                    NginxPath = NginxPath, ConfigPath = ConfigPath, Prefix = Prefix, Method = Method.ToEngine(), LoadBalancerUri = LoadBalancerUri,
                };
                var spec = SpecExport.From(nodes.Select(n => n.Record).ToList(), sites, DatabaseCredentialName,
                    KeystoreCredentialName, balancer);
                var text = SpecWriter.Write(spec, $"on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {nodes.Count} node(s)");
                if (!ShouldProcess(path, $"Write the spec of {nodes.Count} node(s)" + (sites.Count > 0 ? $" and {sites.Count} site(s)" : "")))
                    return;
                LocalHost.Instance.WriteAllBytesAtomically(path, new UTF8Encoding(false).GetBytes(text), keepBackup: false);
                if (PassThru) WriteObject(new System.IO.FileInfo(path));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, path));
            }
        }

        /// <summary>The site's text on disk now (a site object may be older than its file).</summary>
        private static string Read(NginxSite site) =>
            Engine.Text.TextFile.Read(site.Edit.Host, site.Path).Text;
    }
}
