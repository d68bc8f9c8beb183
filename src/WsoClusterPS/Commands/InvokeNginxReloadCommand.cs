using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Tests the NGINX configuration, reloads it, and puts the sites back when either fails: step 3.3.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NginxReload", SupportsShouldProcess = true)]
    [OutputType(typeof(NginxReloadResult))]
    public sealed class InvokeNginxReloadCommand : PSCmdlet
    {
        private readonly List<NginxSite> _sites = new List<NginxSite>();

        [Parameter(ValueFromPipeline = true)]
        public NginxSite[] Site { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string NginxPath { get; set; } = "nginx";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Prefix { get; set; }

        [Parameter]
        public NginxReloadMethod Method { get; set; } = NginxReloadMethod.Signal;

        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            if (Site != null) _sites.AddRange(Site);
        }

        protected override void EndProcessing()
        {
            // The sites say where NGINX runs; without sites, the session (or this machine) does.
            var host = _sites.Count > 0 ? _sites[0].Edit.Host : SessionTarget.PrivilegedHost(Session);
            var changed = _sites.Where(s => s.Changed).ToList();
            if (!ShouldProcess($"NGINX on {host.Name}", $"Test the configuration ({changed.Count} site file(s) changed) and reload")) return;
            string config, prefix;
            try
            {
                config = ConfigPath == null ? null : SessionTarget.Path(this, host, ConfigPath);
                prefix = Prefix == null ? null : SessionTarget.Path(this, host, Prefix);
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, host.Name));
                return;
            }
            var nginx = new NginxControl(host, NginxPath, config, prefix, Method.ToString());
            // Sites that are all up to date leave nothing to apply: a second run changes nothing.
            var nothingChanged = _sites.Count > 0 && changed.Count == 0;
            CommandResult test;
            NginxReloadOutcome reload = null;
            try
            {
                test = nginx.Test();
                if (test.Succeeded && !nothingChanged) reload = nginx.Reload(TimeSpan.FromSeconds(TimeoutSeconds));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                // Files NGINX never tested must not wait for its next restart.
                var record = ErrorRecords.From(this, error, host.Name);
                if (changed.Count > 0)
                    record.ErrorDetails = new ErrorDetails($"{error.Message} {PutBack(changed)}. The running NGINX keeps its old configuration.");
                ThrowTerminatingError(record);
                return;
            }

            if (!test.Succeeded) Fail("nginx -t refused the configuration", test.Combined, changed, nginx);
            WriteVerbose(test.Combined);
            if (nothingChanged)
            {
                WriteVerbose("No site file changed: the configuration tests fine and was not reloaded.");
                WriteObject(new NginxReloadResult(host.Name, tested: true, reloaded: false, rolledBack: false, test.Combined, _sites));
                return;
            }
            if (!reload.Applied) Fail("NGINX did not apply the new configuration", reload.Output, changed, nginx);
            if (!reload.Confirmed)
                WriteWarning($"NGINX was asked to reload but showed no new worker processes within {TimeoutSeconds} s; check its error log.");
            WriteObject(new NginxReloadResult(host.Name, tested: true, reloaded: true, rolledBack: false, (test.Combined + "\n" + reload.Output).Trim(), _sites));
        }

        /// <summary>Puts the changed sites' previous content back and says so; a file that could not be put back is named, with why.</summary>
        private static string PutBack(IReadOnlyList<NginxSite> changed)
        {
            var restored = new List<string>();
            var stuck = new List<string>();
            foreach (var site in changed)
            {
                try
                {
                    site.Edit.Revert();
                    restored.Add(site.Path);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    stuck.Add($"{site.Path} ({error.Message})");
                }
            }
            var sentence = restored.Count > 0 ? $"The previous content of {string.Join(", ", restored)} was put back" : "Nothing could be put back";
            return stuck.Count == 0 ? sentence : $"{sentence}; put back by hand (from the .bak copies with -Backup): {string.Join(", ", stuck)}";
        }

        /// <summary>Puts the changed sites back, checks that NGINX accepts the old files, and stops with NGINX's own words.</summary>
        private void Fail(string what, string nginxOutput, IReadOnlyList<NginxSite> changed, NginxControl nginx)
        {
            var rolledBack = changed.Count > 0;
            var restored = rolledBack ? PutBack(changed) : null;
            var after = rolledBack ? nginx.Test() : null;
            var quoted = NginxMessages.Quote(nginxOutput);
            restored = !rolledBack
                ? "No site files were given, so nothing was put back."
                : restored + (after.Succeeded ? " and nginx -t passes again." : $", but nginx -t still fails: {after.Combined}");
            var message = $"{what}: {quoted} {restored} The running NGINX keeps its old configuration.";
            var result = new NginxReloadResult(changed.Count > 0 ? changed[0].ComputerName : SessionTarget.Host(Session).Name, tested: !what.StartsWith("nginx -t"), reloaded: false, rolledBack, nginxOutput, _sites);
            ThrowTerminatingError(ErrorRecords.From(this, new NginxException(message, nginxOutput, rolledBack), result));
        }
    }
}
