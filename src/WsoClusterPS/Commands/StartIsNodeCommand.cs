using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Engine.Rolling;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Starts nodes with bin/wso2server.sh start (systemctl start where a unit runs the node), in the order given: the first
    /// becomes coordinator;
    /// with -Site, put back in NGINX's upstreams once ready (after Stop-IsNode -Site).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "IsNode", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Start-IsNode.md")]
    [OutputType(typeof(IsNode))]
    public sealed class StartIsNodeCommand : NginxCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string JavaHome { get; set; }

        [Parameter]
        public SwitchParameter Setup { get; set; }

        /// <summary>The keystore password for Secure Vault, handed to Carbon through password-tmp (0600) at start-up.</summary>
        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>The NGINX sites a drain (Stop-IsNode -Site) took the nodes out of: each node goes back once it answers, its
        /// health API says so where enabled, and it has joined the cluster. Implies -Wait.</summary>
        [Parameter]
        public NginxSite[] Site { get; set; }

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
            if (NodeLifecycle.RunningPid(node.Record) is int pid && Site == null)
            {
                WriteVerbose($"'{node.Name}' already runs (pid {pid}); not started again.");
                return;
            }
            var unit = NodeUnit.Find(node.Record, null);
            var action = (unit != null ? $"Start (systemctl start {unit}" : "Start (bin/wso2server.sh start" + (Setup ? " -Dsetup" : "")) + ")" +
                (Site == null ? string.Empty : ", then put back in NGINX's upstreams once ready");
            if (unit != null && JavaHome != null)
                WriteWarning($"'{node.Name}' starts as the service {unit}, whose unit sets JAVA_HOME; -JavaHome is not used. " +
                    "Install-IsNodeService -JavaHome changes the unit's.");
            if (!ShouldProcess($"{node.Name} ({node.Home} on {node.ComputerName})", action)) return;

            if (Site != null)
            {
                StartAndRestore(node);
                return;
            }
            var progress = new ProgressWriter(this, ProgressActivity.WaitForNode, $"Waiting for '{node.Name}' to start");
            try
            {
                var start = NodeLifecycle.Start(node.Record, JavaHome, Setup, Wait, TimeSpan.FromSeconds(TimeoutSeconds), Cancellation,
                    waited => progress.Waited(waited, TimeoutSeconds),
                    KeystorePassword());
                if (start.RemovedLeftoverPassword) WriteWarning(NodeLifecycle.LeftoverPasswordRemoved(node.Record));
                WriteVerbose($"'{node.Name}': {start.ScriptOutput}");
                if (start.Outcome == NodeStartOutcome.Ready)
                    WriteVerbose($"'{node.Name}' started and answers on {node.ClusterHost}:{node.HttpsPort}.");
            }
            finally
            {
                progress.Complete();
            }
        }

        private void StartAndRestore(IsNode node)
        {
            var progress = new RestartProgress(this, new[] { node });
            try
            {
                var options = new RestartOptions
                {
                    Timeout = TimeSpan.FromSeconds(TimeoutSeconds), JavaHome = JavaHome, KeystorePassword = KeystorePassword(),
                };
                var drain = DrainAt(node, Site);
                NodeRestarts.StartAndRestore(node.Record, drain, NodeReadiness.ByMemberList(node.Record, drain.OtherNodesServing()),
                    options, phase => progress.Report(0, phase), Cancellation);
                WriteVerbose($"'{node.Name}' is ready and back in the upstreams.");
            }
            finally
            {
                progress.Complete();
            }
        }

        private string KeystorePassword() => KeystoreCredential?.GetNetworkCredential().Password;
    }
}
