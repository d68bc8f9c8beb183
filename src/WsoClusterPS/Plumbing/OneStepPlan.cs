using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Plans;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// How a step cmdlet applies what it planned for each node: a one-step plan whose changes are
    /// asked about here (PowerShell's thread), then applied on every host at once.
    /// </summary>
    internal static class OneStepPlan
    {
        /// <returns>Per node, in order: why it failed (null when it did not), and whether any of its changes was applied.</returns>
        public static IReadOnlyList<(Exception Error, bool Changed)> Apply(this CancellableCmdlet cmdlet,
            IReadOnlyList<IReadOnlyList<ClusterChange>> perNode, bool keepBackup, bool force, LockWait wait)
        {
            var changes = perNode.SelectMany(c => c).ToList();
            var confirmed = changes.Select(c => c.Edit != null ? cmdlet.Confirm(c.Edit)
                : cmdlet.ShouldProcess($"{c.Target} on {c.Host}", c.Reason)).ToList();
            var outcomes = PlanRunner.ApplyOnEveryHost(changes, confirmed, new ChangeRun(wait.Cancel, null, wait, keepBackup, force))
                .ToDictionary(o => o.Change);
            foreach (var outcome in outcomes.Values.Where(o => o.Status == ChangeStatus.Applied && o.Change.Edit != null))
                cmdlet.Written(outcome.Change.Edit, keepBackup);
            return perNode.Select(node => (node.Select(c => outcomes[c].Error).FirstOrDefault(e => e != null),
                node.Any(c => outcomes[c].Status == ChangeStatus.Applied))).ToList();
        }

        /// <summary>Each node's outcome as the step cmdlets report it: its error, or (with -PassThru) the node with Changed;
        /// <paramref name="changed"/> hears of each node whose files changed.</summary>
        public static void Report(this CancellableCmdlet cmdlet, IReadOnlyList<IsNode> nodes, IReadOnlyList<(Exception Error, bool Changed)> results,
            bool passThru, Action<int> changed = null)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (results[i].Error != null)
                {
                    cmdlet.WriteError(ErrorRecords.From(cmdlet, results[i].Error, nodes[i]));
                    continue;
                }
                if (results[i].Changed) changed?.Invoke(i);
                if (passThru) cmdlet.WriteNode(nodes[i], results[i].Changed);
            }
        }
    }
}
