using System;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
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

        /// <summary>The balancer's certificate with its private key: written as PEM (chain, and key readable by its owner only) to
        /// -CertificatePath and -CertificateKeyPath, by default /etc/nginx/ssl/&lt;ServerName&gt;.crt and .key.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2 Certificate { get; set; }

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
                var wait = LockWaitFor(LockTimeoutSeconds);
                var settings = Settings();
                var toCome = Certificate == null ? new string[0] : WriteCertificate(host, settings, wait);
                var files = NginxPlan.Files(host, directory, nodes.Select(n => n.Record).ToList(), settings, toCome);
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

        /// <summary>The certificate files first, since the vhost names them; returns those -WhatIf left unwritten.</summary>
        private string[] WriteCertificate(Engine.Hosts.IHost host, NginxSiteSettings settings, Engine.Hosts.LockWait wait)
        {
            var writes = BalancerCertificate.Plan(host, settings.CertificatePath, settings.CertificateKeyPath,
                CertificateTransfer.ToKey(Certificate));
            var unwritten = new System.Collections.Generic.List<string>();
            foreach (var write in writes)
            {
                if (ShouldProcess($"{write.Path} on {host.Name}", write.Description)) write.Apply(Backup, wait);
                else unwritten.Add(write.Path);
            }
            return ShouldProcessText.IsWhatIf(this) ? unwritten.ToArray() : new string[0];
        }

        /// <summary>Where -Certificate goes when no path is given: NGINX's usual ssl folder, named after the site.</summary>
        private string DefaultCertificatePath(string extension)
        {
            if (Certificate == null) return null;
            if (!Engine.Validation.Shapes.FileNameBase.Matches(ServerName))
                throw new ArgumentException($"-ServerName '{ServerName}' does not make a file name for the certificate: give " +
                    "-CertificatePath and -CertificateKeyPath. Nothing was written.");
            return "/etc/nginx/ssl/" + ServerName + extension;
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
            CertificatePath = CertificatePath == null ? DefaultCertificatePath(".crt") : SessionTarget.Path(this, Session, CertificatePath),
            CertificateKeyPath = CertificateKeyPath == null ? DefaultCertificatePath(".key") : SessionTarget.Path(this, Session, CertificateKeyPath),
        };
    }
}
