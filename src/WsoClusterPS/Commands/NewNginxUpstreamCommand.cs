using System;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Writes the NGINX vhosts in front of the IS nodes: step 3 of the recipe.</summary>
    [Cmdlet(VerbsCommon.New, "NginxUpstream", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "New-NginxUpstream.md")]
    [OutputType(typeof(NginxSite))]
    public sealed class NewNginxUpstreamCommand : NodeSetCmdlet
    {
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        [Parameter]
        public NginxScheme Scheme { get; set; } = NginxScheme.Both;

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string ConfigDirectory { get; set; } = "/etc/nginx/conf.d";

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string CertificatePath { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
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
        [ValidateShape(ParameterShape.FileNameBase)]
        public string FileName { get; set; } = "is";

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a read-only file too, as Set-Content -Force does; its mode stays.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How long to wait for another run's lock on a file, one deadline for every file of the command; Ctrl+C ends
        /// the wait.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            StopIfAnyInputFailed("the upstream");
            var host = SessionTarget.PrivilegedHost(Session);
            var directory = ConfigDirectory;
            try
            {
                directory = SessionTarget.Path(this, Session, ConfigDirectory);
                var files = NginxPlan.Files(host, directory, nodes.Select(n => n.Record).ToList(), Settings());
                var wait = LockWaitFor(LockTimeoutSeconds);
                this.Commit(files.UpgradeMap, Backup, Force, wait);
                foreach (var (edit, _) in files.Sites)
                {
                    var written = this.Commit(edit, Backup, Force, wait);
                    if (written || !edit.Changed) WriteObject(new NginxSite(edit, SiteFacts.Read(edit.NewText), written));
                }
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, directory));
            }
        }

        private NginxSiteSettings Settings() => new NginxSiteSettings
        {
            ServerName = ServerName,
            Https = Scheme != NginxScheme.Http,
            Http = Scheme != NginxScheme.Https,
            ListenAddress = ListenAddress,
            HttpsListenPort = ListenPort,
            HttpListenPort = HttpListenPort,
            Sticky = Sticky.ToEngine(),
            UpstreamName = UpstreamName,
            FileName = FileName,
            CertificatePath = CertificatePath == null ? null : SessionTarget.Path(this, Session, CertificatePath),
            CertificateKeyPath = CertificateKeyPath == null ? null : SessionTarget.Path(this, Session, CertificateKeyPath),
        };
    }
}
