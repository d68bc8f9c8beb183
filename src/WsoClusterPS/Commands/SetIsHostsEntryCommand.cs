using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Makes the cluster hostname resolve to the load balancer in the hosts file: step 1.4's second half.</summary>
    [Cmdlet(VerbsCommon.Set, "IsHostsEntry", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Set-IsHostsEntry.md")]
    [OutputType(typeof(IsHostsEntry))]
    public sealed class SetIsHostsEntryCommand : CancellableCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Hostname { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Address { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string Path { get; set; } = "/etc/hosts";

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

        /// <summary>The machine to act on; this one when not given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public IsSshSession Session { get; set; }

        protected override void ProcessRecord()
        {
            var host = SessionTarget.PrivilegedHost(Session);
            var path = Path;
            try
            {
                path = SessionTarget.Path(this, Session, Path);
                var edit = FileEdit.Transform(host, path, text => HostsFile.WithEntry(text, Hostname, Address));
                var written = this.Commit(edit, Backup, Force, LockWaitFor(LockTimeoutSeconds));
                WriteObject(new IsHostsEntry(host.Name, path, Hostname, Address, written));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                WriteError(ErrorRecords.From(this, error, path));
            }
        }
    }
}
