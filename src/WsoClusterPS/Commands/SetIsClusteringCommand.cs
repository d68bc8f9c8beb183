using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Writes WKA clustering, hostname and proxy ports into each node's deployment.toml: steps 1.3, 1.4 and 1.6.</summary>
    [Cmdlet(VerbsCommon.Set, "IsClustering", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Set-IsClustering.md")]
    [OutputType(typeof(IsNode))]
    public sealed class SetIsClusteringCommand : NodeSetCmdlet
    {
        /// <summary>The WKA member list, exactly; by default the members the files list joined with every node given.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.Member)]
        public string[] Members { get; set; }

        /// <summary>The member list becomes exactly the nodes given: how a node leaves the cluster.</summary>
        [Parameter]
        public SwitchParameter ReplaceMembers { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.HostName)]
        public string Hostname { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.ClusterDomain)]
        public string Domain { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int ProxyPort { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int HttpProxyPort { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a read-only file too, as Set-Content -Force does; its mode stays.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How long to wait for another run's lock on a file, one deadline for every file of the command; Ctrl+C ends
        /// the wait.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            StopIfAnyInputFailed("the members list");
            ClusterSettings settings;
            try
            {
                settings = Settings(nodes);
            }
            catch (ClusterPlanException error)
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
                return;
            }
            foreach (var node in nodes.Where(n => ClusterSettings.IsLoopback(n.ClusterHost)))
                WriteWarning(ClusterSettings.LoopbackWarning(node.Record));

            // Read and plan on every host at once; ask and report here; write on every host at once.
            var planned = PlanOnEveryHost(nodes, n => FileEdit.OfToml(n.Host, n.DeploymentToml, toml => settings.ApplyTo(toml, n.Record)));
            foreach (var (_, edit) in planned.Where(p => !p.Plan.Changed)) this.Confirm(edit);
            var results = this.Apply(planned.Select(p => p.Plan.Changed
                ? new[] { ClusterChange.Of(p.Plan, p.Node.Name, "the clustering settings asked for") } : new ClusterChange[0]).ToList(),
                Backup, Force, LockWaitFor(LockTimeoutSeconds));
            this.Report(planned.Select(p => p.Node).ToList(), results, PassThru);
        }

        /// <summary>The settings for these nodes; refuses nodes that cannot run side by side before any file is read.</summary>
        private ClusterSettings Settings(IReadOnlyList<IsNode> nodes)
        {
            var members = ClusterSettings.MembersOf(nodes.Select(n => n.Record).ToList());
            if (Members != null) members = ClusterSettings.CheckMembers(Members);
            else if (!ReplaceMembers) members = JoinListed(nodes, members);
            return new ClusterSettings(new WkaScheme(members), Domain, Hostname,
                Bound(nameof(ProxyPort)) ? ProxyPort : (int?)null,
                Bound(nameof(HttpProxyPort)) ? HttpProxyPort : (int?)null);
        }

        /// <summary>The nodes given joined to the members their files list; a warning names the members kept that were
        /// not given.</summary>
        private IReadOnlyList<string> JoinListed(IReadOnlyList<IsNode> nodes, IReadOnlyList<string> given)
        {
            var (members, kept) = WkaMembers.JoinListed(nodes.Select(n => n.Record).ToList(), given);
            if (kept.Count > 0)
                WriteWarning($"The members {string.Join(", ", kept)} are listed in the nodes' files but were not given: they stay in " +
                    "the member list. To drop them, give every node that stays with -ReplaceMembers, or the exact list with -Members.");
            return members;
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
    }
}
