using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Writes WKA clustering, hostname and proxy ports into each node's deployment.toml: steps 1.3, 1.4 and 1.6.</summary>
    [Cmdlet(VerbsCommon.Set, "IsClustering", SupportsShouldProcess = true)]
    [OutputType(typeof(IsNode))]
    public sealed class SetIsClusteringCommand : NodeSetCmdlet
    {
        /// <summary>The WKA member list; by default every node given, as host:port.</summary>
        [Parameter]
        [ValidateShape(@"^[A-Za-z0-9.\-]+:\d{1,5}$", "a member as host:port, such as 10.0.0.4:4000")]
        public string[] Members { get; set; }

        [Parameter]
        [ValidateShape(@"^[A-Za-z0-9.\-]+$", "a host name such as wso2.is")]
        public string Hostname { get; set; }

        [Parameter]
        [ValidateShape(@"^[A-Za-z0-9._\-]+$", "a clustering domain (letters, digits, dots, underscores and hyphens)")]
        public string Domain { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int ProxyPort { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int HttpProxyPort { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = Nodes;
            IReadOnlyList<string> members;
            try
            {
                members = ClusterSettings.MembersOf(nodes.Select(n => n.Record).ToList());
            }
            catch (ClusterPlanException error)
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
                return;
            }

            var settings = new ClusterSettings(Members ?? members, Domain, Hostname,
                Bound(nameof(ProxyPort)) ? ProxyPort : (int?)null,
                Bound(nameof(HttpProxyPort)) ? HttpProxyPort : (int?)null);
            foreach (var node in nodes.Where(n => ClusterSettings.IsLoopback(n.ClusterHost)))
            {
                WriteWarning($"Node '{node.Name}' uses the loopback address {node.ClusterHost} as its cluster host, as Carbon warns at start-up: " +
                             "members on other machines cannot reach it. Fine when every node is on this machine; otherwise make the node with -ClusterHost <its IP address>.");
            }

            // Read and plan on every host at once; ask and report here; write on every host at once.
            var planned = PlanOnEveryHost(nodes, n => FileEdit.OfToml(n.Host, n.DeploymentToml, toml => settings.ApplyTo(toml, n.Record)));
            var written = this.CommitAll(planned.Select(p => p.Plan).ToList(), Backup);
            for (var i = 0; i < planned.Count; i++)
            {
                var node = planned[i].Node;
                if (written[i].Error != null) WriteError(ErrorRecords.From(this, written[i].Error, node));
                else if (PassThru) WriteObject(node.With(node.Record.WithHostname(Hostname ?? node.Hostname)));
            }
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
    }
}
