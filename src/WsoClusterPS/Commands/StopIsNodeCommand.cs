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
                    var stop = NodeLifecycle.Stop(node.Record, Wait, TimeSpan.FromSeconds(TimeoutSeconds), Cancellation);
                    WriteVerbose($"'{node.Name}': {stop.ScriptOutput}");
                    if (PassThru) WriteObject(node);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }
    }
}
