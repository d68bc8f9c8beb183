using System.Management.Automation;
using System;
using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Makes an IS node (an IS home) from a WSO2 IS pack: steps 1.1, 1.2 and 1.5 of the recipe.</summary>
    [Cmdlet(VerbsCommon.New, "IsClusterNode", SupportsShouldProcess = true, DefaultParameterSetName = LocalPack, HelpUri = HelpLinks.Docs + "New-IsClusterNode.md")]
    [OutputType(typeof(IsNode))]
    public sealed class NewIsClusterNodeCommand : CancellableCmdlet
    {
        private const string LocalPack = "LocalPack";
        private const string PackOnHost = "PackOnHost";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = LocalPack, ValueFromPipelineByPropertyName = true)]
        [ValidateShape(ParameterShape.SingleLine)]
        public string PackPath { get; set; }

        /// <summary>A pack already on the session's machine: nothing is uploaded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PackOnHost, ValueFromPipelineByPropertyName = true)]
        [ValidateShape(ParameterShape.SingleLine)]
        public string RemotePackPath { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Home")]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Path { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public IsNodeRole Role { get; set; } = IsNodeRole.Worker;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateShape(ParameterShape.NodeName)]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 50000)]
        public int Offset { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateShape(ParameterShape.HostOrAddress)]
        public string ClusterHost { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int ClusterPort { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The machines to act on, each getting the same node, all at once; this one when not given.</summary>
        [Parameter(ParameterSetName = LocalPack)]
        [Parameter(Mandatory = true, ParameterSetName = PackOnHost)]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession[] Session { get; set; }

        protected override void ProcessRecord()
        {
            // Read once for every machine; a pack that is refused is each machine's error, named by its node.
            var localPack = new Lazy<PackSource>(() => PackSource.Open(GetUnresolvedProviderPathFromPSPath(PackPath)));
            var installs = (Session == null || Session.Length == 0 ? new IsSshSession[] { null } : Session)
                .Select(session => Planned(session, localPack)).Where(install => install.Node != null).ToList();
            var progress = new HostsProgress(installs.Select((install, bar) => new ProgressWriter(this, ProgressActivity.CopyPack,
                $"Copying the IS pack to {install.Node.Home}{On(install.Node.Host)}", bar)).ToList());
            try
            {
                var made = NodeInstaller.InstallAll(installs, Force, progress.For, progress.Show, Cancellation);
                for (var i = 0; i < installs.Count; i++)
                {
                    if (made[i].Error == null) WriteObject(IsNode.From(made[i].Value));
                    else if (made[i].Error is PipelineStoppedException) throw made[i].Error;
                    else WriteError(ErrorRecords.From(this, made[i].Error, installs[i].Node.Home));
                }
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>The node to make on one machine, once it is checked and ShouldProcess agreed; no node (the error written)
        /// else.</summary>
        private (PackSource Pack, NodeRecord Node) Planned(IsSshSession session, Lazy<PackSource> localPack)
        {
            var host = SessionTarget.Host(session);
            string home = Path;
            try
            {
                home = SessionTarget.Path(this, session, Path);
                var pack = RemotePackPath == null ? localPack.Value : PackSource.OpenOn(host, SessionTarget.Path(this, session, RemotePackPath));
                var node = NodeToMake(host, home);
                return ShouldProcess(home + On(host), Action(node, pack)) ? (pack, node) : (null, null);
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                WriteError(ErrorRecords.From(this, error, home));
                return (null, null);
            }
        }

        private static string On(IHost host) => host is LocalHost ? string.Empty : " on " + host.Name;

        /// <summary>The node as asked for: what is not given comes from the path, the host and the offset.</summary>
        private NodeRecord NodeToMake(IHost host, string home) =>
            new NodeRecord(host, home,
                Name ?? host.SplitPath(home).Leaf,
                Role.ToEngine(),
                Offset,
                ClusterHost ?? host.PrimaryAddress(),
                MyInvocation.BoundParameters.ContainsKey(nameof(ClusterPort)) ? ClusterPort : IsPorts.DefaultCluster(Offset),
                hostname: null);

        private string Action(NodeRecord node, PackSource pack)
        {
            var where = pack.OnHost != null ? " on " + node.Host.Name : string.Empty;
            var replacing = Force && node.Host.DirectoryHasEntries(node.Home) ? ", replacing what is there" : string.Empty;
            return $"Create {Role} node '{node.Name}' from {pack.Path}{where}{replacing}";
        }
    }
}
