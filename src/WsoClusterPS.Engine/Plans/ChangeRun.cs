using System;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>What every change is applied with: cancellation, progress, the locks' deadline, backups.</summary>
    public sealed class ChangeRun
    {
        public ChangeRun(CancellationToken cancel, Action<string, int> progress, LockWait wait, bool keepBackup, bool replaceReadOnly)
        {
            Cancel = cancel;
            Progress = progress ?? ((status, percent) => { });
            Wait = wait;
            KeepBackup = keepBackup;
            ReplaceReadOnly = replaceReadOnly;
        }

        public CancellationToken Cancel { get; }

        /// <summary>Told what a long change is doing now, and how far it is (0 to 100, or -1 when unknown).</summary>
        public Action<string, int> Progress { get; }

        public LockWait Wait { get; }
        public bool KeepBackup { get; }
        public bool ReplaceReadOnly { get; }
    }
}
