using System;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Is.Checks;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>What the nodes hold otherwise than each other, one object per difference: the drift Test-IsCluster fails on.</summary>
    [Cmdlet(VerbsData.Compare, "IsClusterNode", HelpUri = HelpLinks.Docs + "Compare-IsClusterNode.md")]
    [OutputType(typeof(IsNodeDifference))]
    public sealed class CompareIsClusterNodeCommand : NodeSetCmdlet
    {
        /// <summary>Wildcard patterns of keys or items kept different on purpose.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Exclude { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            try
            {
                var differences = Agreement.Differences(ClusterCheck.Facts(nodes.Select(n => n.Record).ToList()), ExcludePatterns.From(Exclude));
                foreach (var difference in differences)
                    WriteObject(new IsNodeDifference(difference, nodes.First(n => n.Record == difference.Node)));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
            }
        }
    }
}
