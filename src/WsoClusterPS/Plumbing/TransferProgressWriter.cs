using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>Shows a copy's progress as a Write-Progress bar; the engine calls it on the pipeline thread.</summary>
    internal sealed class TransferProgressWriter
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;

        public TransferProgressWriter(Cmdlet cmdlet, int activityId, string activity, string status)
        {
            _cmdlet = cmdlet;
            _record = new ProgressRecord(activityId, activity, status);
        }

        public void Report(TransferProgress progress)
        {
            _record.PercentComplete = Math.Min(100, progress.Percent);
            _record.CurrentOperation = $"{progress.FilesDone} of {progress.FilesTotal} files, {Megabytes(progress.BytesDone)} of {Megabytes(progress.BytesTotal)} MB";
            _cmdlet.WriteProgress(_record);
        }

        public void Complete()
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }

        private static long Megabytes(long bytes) => bytes / (1024 * 1024);
    }
}
