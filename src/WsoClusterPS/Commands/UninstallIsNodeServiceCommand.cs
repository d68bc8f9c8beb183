using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Undoes Install-IsNodeService: disables the node's unit, removes its file and reloads systemd. A node that
    /// runs under the unit is refused unless -Force, which stops it first.</summary>
    [Cmdlet(VerbsLifecycle.Uninstall, "IsNodeService", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Uninstall-IsNodeService.md")]
    [OutputType(typeof(IsNode))]
    public sealed class UninstallIsNodeServiceCommand : CancellableCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>The unit to remove where the node's home does not record one (a unit installed by hand under that name).</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Name { get; set; }

        /// <summary>Remove a unit WsoClusterPS did not write for this node, and stop a node that runs under it first.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var node in Node)
            {
                try
                {
                    var plan = ServiceSetup.PlanUninstall(node.Record, NodeLifecycle.RunningPid(node.Record), Name, Force);
                    var changed = false;
                    if (!plan.Changed)
                        WriteVerbose($"'{node.Name}' has no unit {plan.Path} on {node.ComputerName}; nothing to remove.");
                    else if (ShouldProcess($"{plan.Path} on {node.ComputerName}", (plan.Running ? "Stop the node (systemctl stop), then d" : "D") +
                        "isable and remove the unit, and reload systemd"))
                    {
                        ServiceSetup.Uninstall(plan);
                        changed = true;
                        WriteVerbose($"'{node.Name}': {plan.Name} disabled and removed from {node.ComputerName}.");
                    }
                    if (PassThru) this.WriteNode(node, changed, withState: true);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }
    }
}
