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

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>Each node once, in pipeline order: one given twice (a variable and a pipeline) is still one.</summary>
        protected IReadOnlyList<IsNode> Nodes => _gathered.GroupBy(n => (n.ComputerName, n.Home)).Select(g => g.First()).ToList();

        protected override void ProcessRecord() => _gathered.AddRange(Node);

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
