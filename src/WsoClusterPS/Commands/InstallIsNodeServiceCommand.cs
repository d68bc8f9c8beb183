using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Writes a systemd unit per node (wso2is-&lt;name&gt;.service in /etc/systemd/system), reloads systemd and enables it, so
    /// the node comes back after a reboot; with -Start, starts it through systemctl.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "IsNodeService", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Install-IsNodeService.md")]
    [OutputType(typeof(IsNode))]
    public sealed class InstallIsNodeServiceCommand : CancellableCmdlet
    {
        private int _nodes;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>The unit's name; wso2is-&lt;node name&gt;.service when not given. One node only.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Name { get; set; }

        /// <summary>JAVA_HOME for the service; the Java on the host's PATH when not given.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string JavaHome { get; set; }

        /// <summary>JVM_MEM_OPTS, which wso2server.sh uses instead of its -Xms256m -Xmx1024m.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string MemoryOptions { get; set; }

        /// <summary>LimitNOFILE: the open-file limit of the server.</summary>
        [Parameter]
        [ValidateRange(1024, 1048576)]
        public int OpenFiles { get; set; } = 65535;

        /// <summary>TimeoutStopSec: how long Carbon's graceful shutdown may take before systemd kills the JVM.</summary>
        [Parameter]
        [ValidateRange(10, 3600)]
        public int StopTimeoutSeconds { get; set; } = 180;

        /// <summary>Start the node through systemctl once its unit is in place (not waiting until it is ready).</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        /// <summary>With -Start on a Secure Vault node: the keystore password, handed to Carbon through password-tmp (0600).</summary>
        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        /// <summary>Replace a unit file WsoClusterPS did not write for this node.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var node in Node)
            {
                try
                {
                    if (Name != null && ++_nodes > 1)
                        throw new ServiceException(ServiceProblem.InvalidSetting, $"-Name '{Name}' names one unit, and '{node.Name}' is a " +
                            "second node. Give -Name with one node at a time, or leave it out (each node gets wso2is-<name>.service).");
                    var changed = Install(node);
                    if (Start && ShouldProcess($"{node.Name} ({node.Home} on {node.ComputerName})", "Start (systemctl start)"))
                    {
                        var start = NodeLifecycle.Start(node.Record, null, setup: false, wait: false, TimeSpan.Zero, Cancellation,
                            keystorePassword: KeystoreCredential?.GetNetworkCredential().Password);
                        if (start.Outcome == NodeStartOutcome.AlreadyRunning) WarnIfOutside(node);
                        WriteVerbose($"'{node.Name}': {start.Outcome} {start.ScriptOutput}");
                    }
                    if (PassThru) this.WriteNode(node, changed, withState: true);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }

        private bool Install(IsNode node)
        {
            var settings = new UnitSettings
            {
                Name = Name, JavaHome = JavaHome, MemoryOptions = MemoryOptions, OpenFiles = OpenFiles,
                StopTimeout = TimeSpan.FromSeconds(StopTimeoutSeconds),
            };
            var plan = ServiceSetup.PlanInstall(node.Record, settings, Force);
            if (!plan.Changed)
            {
                WriteVerbose($"'{node.Name}': {plan.Path} on {node.ComputerName} is as wanted and enabled; nothing changed.");
                return false;
            }
            var asked = plan.Unit.Changed ? this.Confirm(plan.Unit)
                : ShouldProcess($"{plan.Name} on {node.ComputerName}", plan.Enable ? "Enable (systemctl enable)" : "Record the unit in the node's home");
            if (!asked) return false;
            ServiceSetup.Install(plan, LockWaitFor(LockTimeoutSeconds));
            WriteVerbose($"'{node.Name}': {plan.Path} on {node.ComputerName} written, systemd reloaded, {plan.Name} enabled.");
            if (plan.SecureVault && plan.Unit.Changed)
                WriteWarning($"'{node.Name}' uses Secure Vault: after a reboot {plan.Name} does not start it, because Carbon needs the " +
                    "keystore password, which is never stored. Start it then with Start-IsNode -KeystoreCredential (a runbook can).");
            if (!Start) WarnIfOutside(node);
            return true;
        }

        /// <summary>A node started before its unit runs outside systemd until it is restarted; Stop-IsNode still stops it.</summary>
        private void WarnIfOutside(IsNode node)
        {
            if (!(NodeLifecycle.RunningPid(node.Record) is int pid) || NodeUnit.Find(node.Record, pid) is string unit &&
                NodeUnit.Cgroup(node.Host, pid) == unit) return;
            WriteWarning($"'{node.Name}' runs already, started outside its service (pid {pid}): systemd does not watch it until it is " +
                "restarted. Restart it when it suits (Restart-IsNode -Rolling -Site keeps the cluster serving).");
        }
    }
}
