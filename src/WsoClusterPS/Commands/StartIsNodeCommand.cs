using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Starts nodes with bin/wso2server.sh start, in the order given: the first becomes coordinator.</summary>
    [Cmdlet(VerbsLifecycle.Start, "IsNode", SupportsShouldProcess = true)]
    [OutputType(typeof(IsNode))]
    public sealed class StartIsNodeCommand : CancellableCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public IsNode[] Node { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JavaHome { get; set; }

        [Parameter]
        public SwitchParameter Setup { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 300;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var node in Node)
            {
                try
                {
                    Start(node);
                    if (PassThru) WriteObject(node);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }


        private void Start(IsNode node)
        {
            if (NodeControl.RunningPid(node.Record) is int pid)
            {
                WriteVerbose($"'{node.Name}' already runs (pid {pid}); not started again.");
                return;
            }
            if (!ShouldProcess($"{node.Name} ({node.Home} on {node.ComputerName})", "Start (bin/wso2server.sh start" + (Setup ? " -Dsetup)" : ")"))) return;

            var log = NodeLogs.Current(node.Record);
            var logStart = Math.Max(0, node.Host.FileLength(log));
            var started = NodeControl.Start(node.Record, JavaHome, Setup);
            if (!started.Succeeded)
                throw new InvalidOperationException($"bin/wso2server.sh start failed on '{node.Name}' (exit code {started.ExitCode}): {started.Combined}");
            WriteVerbose($"'{node.Name}': {started.Combined}");
            if (!Wait) return;

            var progress = new ProgressRecord(3, "Start-IsNode", $"Waiting for '{node.Name}' on {node.ClusterHost}:{node.HttpsPort}");
            var began = DateTime.UtcNow;
            var up = NodeControl.WaitFor(
                () => NodeControl.Answers(node.ClusterHost, node.HttpsPort) && NodeLogs.StartedSince(node.Record, logStart),
                TimeSpan.FromSeconds(TimeoutSeconds), Cancellation,
                () =>
                {
                    progress.StatusDescription = $"Waiting for '{node.Name}' ({(int)(DateTime.UtcNow - began).TotalSeconds} s of {TimeoutSeconds} s)";
                    WriteProgress(progress);
                });
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (!up)
                throw new TimeoutException($"'{node.Name}' did not answer on {node.ClusterHost}:{node.HttpsPort} and log that it started within {TimeoutSeconds} s. The last lines of its wso2carbon.log:\n{NodeLogs.Tail(node.Record, 10)}");
            WriteVerbose($"'{node.Name}' started and answers on {node.ClusterHost}:{node.HttpsPort}.");
        }
    }
}
