using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Stops nodes with bin/wso2server.sh stop, and with -Wait until they are gone.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "IsNode", SupportsShouldProcess = true)]
    [OutputType(typeof(IsNode))]
    public sealed class StopIsNodeCommand : CancellableCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public IsNode[] Node { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

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
                    if (!ShouldProcess($"{node.Name} ({node.Home} on {node.ComputerName})", "Stop (bin/wso2server.sh stop)")) continue;
                    var pid = NodeControl.RunningPid(node.Record);
                    var stopped = NodeControl.Stop(node.Record);
                    if (!stopped.Succeeded)
                        throw new InvalidOperationException($"bin/wso2server.sh stop failed on '{node.Name}' (exit code {stopped.ExitCode}): {stopped.Combined}");
                    WriteVerbose($"'{node.Name}': {stopped.Combined}");
                    if (Wait && !NodeControl.WaitFor(() => Gone(node, pid), TimeSpan.FromSeconds(TimeoutSeconds), Cancellation))
                        throw new TimeoutException($"'{node.Name}' still runs or holds port {node.HttpsPort} or {node.HttpPort} after {TimeoutSeconds} s. The last lines of its wso2carbon.log:\n{NodeLogs.Tail(node.Record, 10)}");
                    if (PassThru) WriteObject(node);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }


        private static bool Gone(IsNode node, int? pid) =>
            (pid == null || !node.Host.DirectoryExists($"/proc/{pid}")) &&
            !NodeControl.Answers(node.ClusterHost, node.HttpsPort) && !NodeControl.Answers(node.ClusterHost, node.HttpPort);
    }
}
