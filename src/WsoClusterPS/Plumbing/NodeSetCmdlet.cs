using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// A cmdlet that needs every node at once (a member list, an upstream, a cluster check): it
    /// gathers the pipeline in ProcessRecord and acts in EndProcessing.
    /// </summary>
    public abstract class NodeSetCmdlet : CancellableCmdlet
    {
        private readonly List<IsNode> _gathered = new List<IsNode>();
        private int _failedInputs;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation(KeepFailures = true)]
        public IsNode[] Node { get; set; }

        /// <summary>
        /// Each node once, in pipeline order: one given twice (a variable and a pipeline, or its
        /// home spelt two ways: <c>ra</c>, <c>ra/</c>, a link to it) is still one.
        /// </summary>
        protected IReadOnlyList<IsNode> Nodes => RealPaths.Distinct(_gathered, n => n.Host, n => n.Home).ToList();

        protected override void ProcessRecord()
        {
            foreach (var node in Node)
            {
                if (node.UnboundBecause == null) { _gathered.Add(node); continue; }
                _failedInputs++;
                WriteError(ErrorRecords.From(this, node.UnboundBecause, null));
            }
        }

        /// <summary>
        /// The nodes given; none at all is an error of its own (written here), so that a check with
        /// nothing to check never passes and nothing acts on an empty cluster.
        /// </summary>
        protected IReadOnlyList<IsNode> NodesOrError()
        {
            var nodes = Nodes;
            if (nodes.Count == 0)
                WriteError(ErrorRecords.From(this, new NodeInputException(true, _failedInputs == 0
                    ? "No node was given, so there is nothing to act on. Pipe the nodes New-IsClusterNode or Get-IsClusterNode emit."
                    : $"None of the {_failedInputs} input(s) is a node (see the errors above), so there is nothing to act on."), null));
            return nodes;
        }

        /// <summary>
        /// Stops a cluster-wide edit (every member list, every upstream) when any input failed: made
        /// without it, the edit would shrink the cluster behind the admin's back.
        /// </summary>
        protected void StopIfAnyInputFailed(string what)
        {
            if (_failedInputs == 0) return;
            ThrowTerminatingError(ErrorRecords.From(this, new NodeInputException(false, $"{_failedInputs} of the inputs did not bind as " +
                $"nodes (see the errors above), so {what} was not changed on any node: made without them, it would leave the cluster " +
                "inconsistent. Fix those inputs, or leave them out of the input on purpose, then run again."), null));
        }

        /// <summary>
        /// Plans each node's change on its own host, every host at once; a node whose plan fails
        /// (a broken file, a missing jar) is reported here and left out, the others go on.
        /// </summary>
        protected List<(IsNode Node, T Plan)> PlanOnEveryHost<T>(IReadOnlyList<IsNode> nodes, System.Func<IsNode, T> plan)
        {
            var outcomes = PerHost.Run(nodes, n => n.Host, plan);
            var planned = new List<(IsNode, T)>();
            for (var i = 0; i < nodes.Count; i++)
            {
                if (outcomes[i].Error != null) WriteError(ErrorRecords.From(this, outcomes[i].Error, nodes[i]));
                else planned.Add((nodes[i], outcomes[i].Value));
            }
            return planned;
        }
    }
}
