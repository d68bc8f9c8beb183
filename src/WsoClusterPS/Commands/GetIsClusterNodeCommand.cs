using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Reads existing IS homes back into IsNode objects, so a later session can carry on a cluster.</summary>
    [Cmdlet(VerbsCommon.Get, "IsClusterNode")]
    [OutputType(typeof(IsNode))]
    public sealed class GetIsClusterNodeCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Home", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        [Parameter]
        public IsNodeRole Role { get; set; }

        protected override void ProcessRecord()
        {
            var role = MyInvocation.BoundParameters.ContainsKey(nameof(Role)) ? Role.ToString() : null;
            foreach (var pattern in Path)
            {
                try
                {
                    foreach (var home in GetResolvedProviderPathFromPSPath(pattern, out _))
                        WriteObject(IsNode.From(NodeReader.Read(LocalHost.Instance, home, role, name: null)));
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, pattern));
                }
            }
        }
    }
}
