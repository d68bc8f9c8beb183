using System.Collections.Generic;
using System.Management.Automation;
using WsoClusterPS.Engine.Rolling;

namespace WsoClusterPS.Plumbing
{
    /// <summary>Progress and verbose lines per node and per phase of a restart, drain or restore: what a runbook's log shows.</summary>
    internal sealed class RestartProgress
    {
        private readonly PSCmdlet _cmdlet;
        private readonly IReadOnlyList<IsNode> _nodes;
        private readonly ProgressWriter _bar;

        public RestartProgress(PSCmdlet cmdlet, IReadOnlyList<IsNode> nodes)
        {
            _cmdlet = cmdlet;
            _nodes = nodes;
            _bar = new ProgressWriter(cmdlet, ProgressActivity.RestartNode, "Restarting");
        }

        public void Report(int index, RollPhase phase)
        {
            var node = _nodes[index];
            var status = $"'{node.Name}' ({index + 1} of {_nodes.Count}): {RollPhases.Describe(phase)}";
            _cmdlet.WriteVerbose(status);
            _bar.Report(status, null, (int)(100.0 * (index + (int)phase / (double)(int)RollPhase.Done) / _nodes.Count));
        }

        public void Complete() => _bar.Complete();
    }
}
