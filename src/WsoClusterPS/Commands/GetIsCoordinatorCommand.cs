using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Reads the nodes' carbon logs and reports the current Hazelcast coordinator.</summary>
    [Cmdlet(VerbsCommon.Get, "IsCoordinator", HelpUri = HelpLinks.Docs + "Get-IsCoordinator.md")]
    [OutputType(typeof(IsCoordinator))]
    public sealed class GetIsCoordinatorCommand : NodeSetCmdlet
    {
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 120;

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            var progress = new ProgressWriter(this, ProgressActivity.WaitForNode, "Waiting until a node is elected coordinator");
            try
            {
                var finding = Find(nodes);
                if (Wait && finding.Coordinator == null &&
                    !NodeLifecycle.WaitFor(() => (finding = Find(nodes)).Coordinator != null, TimeSpan.FromSeconds(TimeoutSeconds),
                        Cancellation, waited => progress.Waited(waited, TimeoutSeconds)))
                    WriteWarning($"No node was elected coordinator within {TimeoutSeconds} s; the result's State says None.");
                else if (finding.Coordinator == null && finding.MemberId == null)
                    WriteVerbose("No node is the coordinator now: none started, or the coordinator stopped and nobody was elected yet.");
                if (finding.Note != null) WriteWarning(finding.Note);
                WriteObject(new IsCoordinator(finding, nodes));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>Every node's log is read on its own host at once.</summary>
        private static CoordinatorFinding Find(IReadOnlyList<IsNode> nodes) =>
            CoordinatorFinder.Find(NodeLogs.ForCoordinator(nodes.Select(n => n.Record).ToList()));
    }
}
