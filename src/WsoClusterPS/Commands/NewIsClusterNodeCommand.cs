using System.Management.Automation;
using System;
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

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter(ParameterSetName = LocalPack)]
        [Parameter(Mandatory = true, ParameterSetName = PackOnHost)]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            var host = SessionTarget.Host(Session);
            string home;
            try
            {
                home = SessionTarget.Path(this, Session, Path);
            }
            catch (ArgumentException error)
            {
                WriteError(ErrorRecords.From(this, error, Path));
                return;
            }
            var progress = new ProgressWriter(this, ProgressActivity.CopyPack, $"Copying the IS pack to {home}");
            try
            {
                var pack = RemotePackPath != null
                    ? PackSource.OpenOn(host, SessionTarget.Path(this, Session, RemotePackPath))
                    : PackSource.Open(GetUnresolvedProviderPathFromPSPath(PackPath));
                var node = NodeToMake(host, home);
                if (!ShouldProcess(home, Action(node, pack))) return;
                NodeInstaller.Install(pack, node, Force, progress.Report, Cancellation);
                WriteObject(IsNode.From(NodeReader.Read(host, home, role: null, name: null)));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                WriteError(ErrorRecords.From(this, error, home));
            }
            finally
            {
                progress.Complete();
            }
        }

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
