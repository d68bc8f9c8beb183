using System.Linq;
using System.Management.Automation;

using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Lists the SSH sessions New-IsSshSession opened in this runspace.</summary>
    [Cmdlet(VerbsCommon.Get, "IsSshSession", HelpUri = HelpLinks.Docs + "Get-IsSshSession.md")]
    [OutputType(typeof(IsSshSession))]
    public sealed class GetIsSshSessionCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public int[] Id { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string HostName { get; set; }

        protected override void ProcessRecord() =>
            WriteObject(SshSessions.Current.Where(s => (Id == null || Id.Contains(s.Id)) && (HostName == null
                || s.HostName == HostName)).ToList(), enumerateCollection: true);
    }
}
