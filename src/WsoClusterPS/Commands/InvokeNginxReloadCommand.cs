using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Tests the NGINX configuration, reloads it, and puts the sites back when either fails: step 3.3.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NginxReload", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Invoke-NginxReload.md")]
    [OutputType(typeof(NginxReloadResult))]
    public sealed class InvokeNginxReloadCommand : NginxCmdlet
    {
        private readonly List<NginxSite> _sites = new List<NginxSite>();

        [Parameter(ValueFromPipeline = true)]
        public NginxSite[] Site { get; set; }

        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            if (Site != null) _sites.AddRange(Site);
        }

        protected override void EndProcessing()
        {
            // The sites say where NGINX runs; without sites, the session (or this machine) does.
            var host = _sites.Count > 0 ? _sites[0].Edit.Host : SessionTarget.PrivilegedHost(Session);
            var written = _sites.Where(s => s.Changed).Select(s => s.Edit).ToList();
            var action = $"Test the configuration ({written.Count} site file(s) changed) and reload";
            if (!ShouldProcess($"NGINX on {host.Name}", action)) return;
            var nginx = ErrorRecords.OrStop(this, () => NginxOn(host), host.Name);
            Report(NginxReload.Run(nginx, written, _sites.Count > 0, TimeSpan.FromSeconds(TimeoutSeconds)), host.Name);
        }

        private void Report(NginxReloadReport report, string hostName)
        {
            var result = new NginxReloadResult(hostName, report, _sites);
            if (report.Error != null)
            {
                // A refusal is about the result (what NGINX said); a failure to ask NGINX at all, about the machine.
                ThrowTerminatingError(ErrorRecords.From(this, report.Error, report.Verdict == NginxReloadVerdict.Failed ? (object)hostName
                    : result, report.Explanation));
            }
            WriteVerbose(report.Output);
            if (report.Verdict == NginxReloadVerdict.Unchanged)
                WriteVerbose("No site file changed: the configuration tests fine and was not reloaded.");
            else if (!report.Confirmed)
                WriteWarning($"NGINX was asked to reload but showed no new worker processes within {TimeoutSeconds} s; check its error " +
                    "log.");
            WriteObject(result);
        }
    }
}
