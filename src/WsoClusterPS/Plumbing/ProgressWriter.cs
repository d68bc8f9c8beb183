using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// One Write-Progress bar of a cmdlet: shown as the work moves, completed once at the end.
    /// What it says is in the status, which PowerShell 7's default Minimal view shows (it leaves
    /// out the current operation).
    /// </summary>
    internal sealed class ProgressWriter
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly string _what;

        /// <param name="bar">Which of the activity's bars (one per host when hosts work at once).</param>
        public ProgressWriter(PSCmdlet cmdlet, ProgressActivity activity, string status, int bar = 0)
        {
            _cmdlet = cmdlet;
            _what = status;
            _record = new ProgressRecord((int)activity + 100 * bar, cmdlet.MyInvocation.MyCommand.Name, status);
        }

        /// <param name="percent">How far, 0 to 100; -1 when nobody can tell (a remote unpack).</param>
        public void Report(string status, string operation = null, int? percent = null)
        {
            if (status != null) _record.StatusDescription = status;
            if (operation != null) _record.CurrentOperation = operation;
            if (percent.HasValue) _record.PercentComplete = percent.Value < 0 ? -1 : Math.Max(0, Math.Min(100, percent.Value));
            _cmdlet.WriteProgress(_record);
        }

        /// <summary>A wait's progress: what for, and how long so far of how long at most.</summary>
        public void Waited(TimeSpan waited, int timeoutSeconds) =>
            Report($"{_what} ({(int)waited.TotalSeconds} s of {timeoutSeconds} s)", null,
                (int)(100 * waited.TotalSeconds / Math.Max(1, timeoutSeconds)));

        /// <summary>A transfer's progress: uploading or copying in megabytes and files, then unpacking on the machine.</summary>
        public void Report(TransferProgress progress)
        {
            var moved = $"{Megabytes(progress.BytesDone)} of {Megabytes(progress.BytesTotal)} MB";
            switch (progress.Stage)
            {
                case TransferStage.Unpacking:
                    Report($"{_what}: unpacking on the machine ({Megabytes(progress.BytesTotal)} MB uploaded)", null, -1);
                    break;
                case TransferStage.Uploading:
                    Report($"{_what}: uploading, {moved}", null, progress.Percent);
                    break;
                default:
                    Report($"{_what}: {progress.FilesDone} of {progress.FilesTotal} files, {moved}", null, progress.Percent);
                    break;
            }
        }

        public void Complete()
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }

        private static long Megabytes(long bytes) => bytes / (1024 * 1024);
    }
}
