using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Reads existing IS homes back into IsNode objects, so a later session can carry on a cluster.</summary>
    [Cmdlet(VerbsCommon.Get, "IsClusterNode", HelpUri = HelpLinks.Docs + "Get-IsClusterNode.md")]
    [OutputType(typeof(IsNode))]
    public sealed class GetIsClusterNodeCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Home", "FullName")]
        [SupportsWildcards]
        [ValidateShape(ParameterShape.SingleLine)]
        public string[] Path { get; set; }

        [Parameter]
        public IsNodeRole Role { get; set; }

        /// <summary>Leave State and Pid unread (Unknown): no look at the node's process.</summary>
        [Parameter]
        public SwitchParameter NoState { get; set; }

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            var role = MyInvocation.BoundParameters.ContainsKey(nameof(Role)) ? Role.ToEngine() : (NodeRole?)null;
            foreach (var pattern in Path)
            {
                try
                {
                    // Wildcards are expanded on this machine only; a remote path is taken as it is.
                    var homes = Session == null ? GetResolvedProviderPathFromPSPath(pattern,
                        out _) : new System.Collections.ObjectModel.Collection<string> { SessionTarget.Path(this, Session, pattern) };
                    foreach (var home in homes)
                    {
                        var record = NodeReader.Read(SessionTarget.Host(Session), home, role, name: null);
                        WriteObject(NoState ? IsNode.From(record) : IsNode.WithState(record));
                    }
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, pattern));
                }
            }
        }
    }
}
