using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Checks that the nodes form one working cluster: one result per check, or one bool with -Quiet.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "IsCluster")]
    [OutputType(typeof(IsClusterCheck), typeof(bool))]
    public sealed class TestIsClusterCommand : PSCmdlet
    {
        private readonly List<IsNode> _nodes = new List<IsNode>();

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public IsNode[] Node { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri LoadBalancerUri { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord() => _nodes.AddRange(Node);

        protected override void EndProcessing()
        {
            var nodes = _nodes.GroupBy(n => (n.ComputerName, n.Home)).Select(g => g.First()).ToList();
            try
            {
                var results = ClusterCheck.Run(nodes.Select(n => n.Record).ToList(), LoadBalancerUri);
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
