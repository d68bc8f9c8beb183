using System;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Writes the NGINX vhosts in front of the IS nodes: step 3 of the recipe.</summary>
    [Cmdlet(VerbsCommon.New, "NginxUpstream", SupportsShouldProcess = true)]
    [OutputType(typeof(NginxSite))]
    public sealed class NewNginxUpstreamCommand : NodeSetCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        [Parameter]
        public NginxScheme Scheme { get; set; } = NginxScheme.Both;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConfigDirectory { get; set; } = "/etc/nginx/conf.d";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CertificateKeyPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int ListenPort { get; set; } = 443;

        [Parameter]
        [ValidateRange(1, 65535)]
        public int HttpListenPort { get; set; } = 80;

        [Parameter]
        public NginxSticky Sticky { get; set; } = NginxSticky.IpHash;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UpstreamName { get; set; } = "wso2_is";

        [Parameter]
        [ValidateShape(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$", "a file name base such as is (letters, digits, dots, underscores and hyphens)")]
        public string FileName { get; set; } = "is";

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        public IsSshSession Session { get; set; }

        protected override void EndProcessing()
        {
            var host = SessionTarget.PrivilegedHost(Session);
            var https = Scheme != NginxScheme.Http;
            string directory = ConfigDirectory;
            try
            {
                directory = SessionTarget.Path(this, Session, ConfigDirectory);
                if (https) CheckCertificates(host);
                if (!host.DirectoryExists(directory))
                    throw new System.IO.DirectoryNotFoundException($"The NGINX configuration folder '{directory}' does not exist. Give -ConfigDirectory the folder your nginx.conf includes (often /etc/nginx/conf.d); nothing was written.");
                var plan = NginxPlan.For(Nodes.Select(n => n.Record).ToList(), new NginxSiteSettings
                {
                    ServerName = ServerName,
                    Https = https,
                    Http = Scheme != NginxScheme.Https,
                    ListenAddress = ListenAddress,
                    HttpsListenPort = ListenPort,
                    HttpListenPort = HttpListenPort,
                    Sticky = Sticky.ToString(),
                    UpstreamName = UpstreamName,
                    FileName = FileName,
                    CertificatePath = CertificatePath == null ? null : SessionTarget.Path(this, Session, CertificatePath),
                    CertificateKeyPath = CertificateKeyPath == null ? null : SessionTarget.Path(this, Session, CertificateKeyPath),
                });

                this.Commit(FileEdit.Replace(host, host.Combine(directory, NginxRenderer.UpgradeMapFileName), NginxRenderer.UpgradeMap()), Backup);
                foreach (var (vhost, fileName) in plan)
                {
                    var edit = FileEdit.Replace(host, host.Combine(directory, fileName), NginxRenderer.Render(vhost));
                    var written = this.Commit(edit, Backup);
                    if (written || !edit.Changed) WriteObject(new NginxSite(edit, vhost, written));
                }
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, directory));
            }
        }

        private void CheckCertificates(IHost host)
        {
            if (CertificatePath == null || CertificateKeyPath == null)
                throw new ArgumentException("HTTPS needs -CertificatePath and -CertificateKeyPath (the PEM certificate and key for " + ServerName + "). Give both, or -Scheme Http; nothing was written.");
            foreach (var path in new[] { CertificatePath, CertificateKeyPath }.Select(p => SessionTarget.Path(this, Session, p)))
            {
                if (!host.FileExists(path))
                    throw new System.IO.FileNotFoundException($"The certificate file '{path}' does not exist on {host.Name}. NGINX would refuse to start with it; nothing was written.", path);
            }
        }
    }
}
