using System.Management.Automation;
using System.Threading;

namespace WsoClusterPS.Plumbing
{
    /// <summary>A cmdlet whose long work (copies, waits, schema scripts) stops on Ctrl+C.</summary>
    public abstract class CancellableCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        protected CancellationToken Cancellation => _cancellation.Token;

        /// <summary>A wait for file locks from now, ended by Ctrl+C.</summary>
        internal Engine.Hosts.LockWait LockWaitFor(int seconds) => Engine.Hosts.LockWait.For(System.TimeSpan.FromSeconds(seconds), Cancellation);

        protected override void StopProcessing() => _cancellation.Cancel();
    }
}
