using System.Linq;
using System.Management.Automation;

namespace WsoClusterPS.Commands
{
    /// <summary>Closes SSH sessions and forgets them.</summary>
    [Cmdlet(VerbsCommon.Remove, "IsSshSession", DefaultParameterSetName = "Session")]
    public sealed class RemoveIsSshSessionCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = "Session")]
        public IsSshSession[] Session { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        public int[] Id { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = Session ?? SshSessions.Current.Where(s => Id.Contains(s.Id)).ToArray();
            foreach (var session in sessions)
            {
                session.Host.Dispose();
                SshSessions.Current.Remove(session);
                WriteVerbose($"Closed {session}.");
            }
        }
    }
}
