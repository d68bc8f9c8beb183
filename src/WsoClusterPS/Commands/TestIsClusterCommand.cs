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
                    new BalancerProbe(LoadBalancerUri, TimeSpan.FromSeconds(TimeoutSeconds), SkipCertificateCheck), warnings);
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
