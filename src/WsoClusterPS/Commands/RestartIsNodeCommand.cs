using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Rolling;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Restarts nodes: with -Rolling one at a time, each drained at NGINX (-Site) before it stops
    /// and put back once it is ready, so the cluster keeps serving; without, all stop, then all start.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "IsNode", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Restart-IsNode.md")]
    [OutputType(typeof(IsNode))]
    public sealed class RestartIsNodeCommand : NginxCmdlet
    {
        private readonly List<IsNode> _gathered = new List<IsNode>();

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>One node at a time, in the order given.</summary>
        [Parameter]
        public SwitchParameter Rolling { get; set; }

        /// <summary>The NGINX sites in front of the nodes (New-NginxUpstream's or Get-NginxSite's output); needs -Rolling.</summary>
        [Parameter]
        public NginxSite[] Site { get; set; }

        [Parameter]
        [ValidateRange(0, 3600)]
        public int DrainSeconds { get; set; } = 30;

        /// <summary>How long each node may take to stop, and to come back ready.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 300;

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string JavaHome { get; set; }

        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Before any node arrives from the pipeline: -Site only makes sense one node at a time.</summary>
        protected override void BeginProcessing()
        {
            if (Site != null && !Rolling)
                ThrowTerminatingError(ErrorRecords.From(this, new ArgumentException("-Site drains one node at a time, so it needs " +
                    "-Rolling. Add -Rolling, or leave -Site out to restart every node at once; nothing was changed."), Site));
            if (Rolling && Site == null)
                WriteWarning("Without -Site no node is drained at NGINX first: requests in flight to each node fail while it restarts.");
        }

        protected override void ProcessRecord() => _gathered.AddRange(Node);

        protected override void EndProcessing()
        {
            var nodes = RealPaths.Distinct(_gathered, n => n.Host, n => n.Home).ToList();
            RestartProgress progress = null;
            var restarting = new List<IsNode>();
            try
            {
                var drains = nodes.Select(n => DrainAt(n, Site ?? Array.Empty<NginxSite>())).ToList();
                var confirmed = Enumerable.Range(0, nodes.Count).Where(i => ShouldProcess(Target(nodes[i]), Plan(nodes, drains, i))).ToList();
                if (confirmed.Count == 0) return;
                restarting = confirmed.Select(i => nodes[i]).ToList();
                if (Site != null)
                    foreach (var i in confirmed) WarnIfUnlisted(nodes[i], drains[i]);
                progress = new RestartProgress(this, restarting);
                var records = restarting.Select(n => n.Record).ToList();
                var done = Rolling
                    ? NodeRestarts.Rolling(records, confirmed.Select(i => drains[i]).ToList(), Options, progress.Report, Cancellation)
                    : NodeRestarts.All(records, Options, progress.Report, Cancellation);
                foreach (var restart in done) Report(restart);
                if (PassThru) WriteObject(restarting, enumerateCollection: true);
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                // A site file that cannot be read fails before any node is touched; a roll that stops names its node.
                var node = error is RestartException stopped ? restarting.FirstOrDefault(n => n.Record == stopped.Node) : null;
                ThrowTerminatingError(ErrorRecords.From(this, error, (object)node ?? nodes));
            }
            finally
            {
                progress?.Complete();
            }
        }

        private RestartOptions Options => new RestartOptions
        {
            DrainBound = TimeSpan.FromSeconds(DrainSeconds), Timeout = TimeSpan.FromSeconds(TimeoutSeconds), JavaHome = JavaHome,
            KeystorePassword = KeystoreCredential?.GetNetworkCredential().Password,
        };

        private static string Target(IsNode node) => $"{node.Name} ({node.Home} on {node.ComputerName})";

        /// <summary>What happens to the node, and with -WhatIf or -Confirm each upstream diff of its drain.</summary>
        private string Plan(IReadOnlyList<IsNode> nodes, IReadOnlyList<NodeDrain> drains, int index)
        {
            if (!Rolling) return "Restart: stop with the others, then start in the order given";
            var upstreams = drains[index].Upstreams();
            var plan = $"Restart, {index + 1} of {nodes.Count}: " + (upstreams.Count == 0 ? "no given site lists it, so no drain; "
                : $"mark down in {string.Join(", ", upstreams)} and reload NGINX, wait up to {DrainSeconds} s for its requests; ") +
                "stop, start, wait until it is ready and has joined the cluster" + (upstreams.Count == 0 ? string.Empty
                    : ", then put it back and reload NGINX");
            if (!ShouldProcessText.IsShown(this)) return plan;
            return plan + string.Concat(drains[index].PlanDrain().Select(e => $"\n{e.Path} on {e.Host.Name}:\n{e.Diff}"));
        }

        private void Report(NodeRestart restart)
        {
            var node = restart.Node;
            WriteVerbose($"'{node.Name}' restarted; out of service {restart.OutOfService.TotalSeconds:0.0} s" +
                (restart.Upstreams > 0 ? $", drained from {restart.Upstreams} upstream(s)" : string.Empty) + ".");
            if (restart.ConnectionsLeft > 0)
                WriteWarning($"'{node.Name}' still had {restart.ConnectionsLeft} connection(s) open after {DrainSeconds} s of draining; " +
                    "it was stopped anyway.");
        }
    }
}
