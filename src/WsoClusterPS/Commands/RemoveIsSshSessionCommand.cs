using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Closes SSH sessions and forgets them, as Remove-PSSession does.</summary>
    [Cmdlet(VerbsCommon.Remove, "IsSshSession", DefaultParameterSetName = "Session", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Remove-IsSshSession.md")]
    public sealed class RemoveIsSshSessionCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = "Session")]
        public IsSshSession[] Session { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public int[] Id { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var missing in (Id ?? new int[0]).Where(id => SshSessions.Current.All(s => s.Id != id)))
                WriteError(ErrorRecords.From(this, new ItemNotFoundException($"There is no open SSH session with Id {missing}. " +
                    "Get-IsSshSession lists the open ones."), missing));
            var sessions = Session ?? SshSessions.Current.Where(s => Id.Contains(s.Id)).ToArray();
            foreach (var session in sessions)
            {
                if (!ShouldProcess($"{session} (Id {session.Id})", "Close the SSH session")) continue;
                session.Host.Dispose();
                SshSessions.Current.Remove(session);
                WriteVerbose($"Closed {session}.");
            }
        }
    }
}
