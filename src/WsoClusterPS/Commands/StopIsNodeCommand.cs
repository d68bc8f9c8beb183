using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Engine.Rolling;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Stops nodes with bin/wso2server.sh stop (systemctl stop where a unit runs the node), and with -Wait until they are gone; with -Site,
    /// drained at NGINX first, so no request fails.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "IsNode", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Stop-IsNode.md")]
    [OutputType(typeof(IsNode))]
    public sealed class StopIsNodeCommand : NginxCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>The NGINX sites in front of the nodes: each node is marked down there, NGINX reloads, and its requests
        /// in flight finish before it stops. Implies -Wait.</summary>
        [Parameter]
        public NginxSite[] Site { get; set; }

        [Parameter]
        [ValidateRange(0, 3600)]
        public int DrainSeconds { get; set; } = 30;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 120;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var node in Node)
            {
                try
                {
                    var unit = NodeUnit.Find(node.Record, NodeLifecycle.RunningPid(node.Record));
                    var stop = unit != null ? $"stop (systemctl stop {unit})" : "stop (bin/wso2server.sh stop)";
                    var action = Site == null ? "S" + stop.Substring(1) : "Drain at NGINX, then " + stop;
                    if (!ShouldProcess($"{node.Name} ({node.Home} on {node.ComputerName})", action)) continue;
                    if (Site != null) DrainAndStop(node);
                    else Stop(node);
                    if (PassThru) WriteObject(node);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }

        private void Stop(IsNode node)
        {
            var progress = new ProgressWriter(this, ProgressActivity.WaitForNode, $"Waiting for '{node.Name}' to stop");
            try
            {
                var stop = NodeLifecycle.Stop(node.Record, Wait, TimeSpan.FromSeconds(TimeoutSeconds), Cancellation,
                    waited => progress.Waited(waited, TimeoutSeconds));
                if (stop.RemovedLeftoverPassword) WriteWarning(NodeLifecycle.LeftoverPasswordRemoved(node.Record));
                WriteVerbose($"'{node.Name}': {stop.ScriptOutput}");
            }
            finally
            {
                progress.Complete();
            }
        }

        private void DrainAndStop(IsNode node)
        {
            var progress = new RestartProgress(this, new[] { node });
            try
            {
                var options = new RestartOptions { DrainBound = TimeSpan.FromSeconds(DrainSeconds), Timeout = TimeSpan.FromSeconds(TimeoutSeconds) };
                var drain = DrainAt(node, Site);
                WarnIfUnlisted(node, drain);
                var left = NodeRestarts.DrainAndStop(node.Record, drain, options, phase => progress.Report(0, phase), Cancellation);
                if (left > 0) WriteWarning($"'{node.Name}' still had {left} connection(s) open after {DrainSeconds} s of draining; it was stopped anyway.");
            }
            finally
            {
                progress.Complete();
            }
        }
    }
}
