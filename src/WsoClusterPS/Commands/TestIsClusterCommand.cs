using System.Linq;
using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Checks;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Checks that the nodes form one working cluster: one result per check, or one bool with -Quiet.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "IsCluster", HelpUri = HelpLinks.Docs + "Test-IsCluster.md")]
    [OutputType(typeof(IsClusterCheck), typeof(bool))]
    public sealed class TestIsClusterCommand : NodeSetCmdlet
    {
        [Parameter]
        [ValidateNotNull]
        public Uri LoadBalancerUri { get; set; }

        /// <summary>How long the balancer may take to answer; a balancer that hangs is one failed check.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>Check the balancer without validating its certificate's chain, dates and host name.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Warn of a certificate (of a keystore, or the balancer's) that expires within this many days.</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int CertificateWarningDays { get; set; } = 30;

        /// <summary>Wildcard patterns of keys or items kept different on purpose: never counted as drift.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Exclude { get; set; }

        /// <summary>Count a warning (stock keys, a certificate near its end, one node alone) as a failure.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0)
            {
                if (Quiet) WriteObject(false);
                return;
            }
            try
            {
                var warnings = new System.Collections.Generic.List<string>();
                var results = ClusterCheck.Run(nodes.Select(n => n.Record).ToList(),
                    new BalancerProbe(LoadBalancerUri, TimeSpan.FromSeconds(TimeoutSeconds), SkipCertificateCheck), warnings,
                    new CheckOptions { Excluded = ExcludePatterns.From(Exclude), CertificateWarningDays = CertificateWarningDays })
                    .Select(r => Strict ? r.Strict() : r).ToList();
                foreach (var warning in warnings) WriteWarning(warning);
                if (Quiet) WriteObject(results.All(r => r.Passed));
                else foreach (var result in results) WriteObject(new IsClusterCheck(result));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
            }
        }
    }
}
