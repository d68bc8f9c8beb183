using System;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>One Write-Progress bar of a cmdlet: shown as the work moves, completed once at the end.</summary>
    internal sealed class ProgressWriter
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ProgressRecord _record;

        public ProgressWriter(PSCmdlet cmdlet, ProgressActivity activity, string status)
        {
            _cmdlet = cmdlet;
            _record = new ProgressRecord((int)activity, cmdlet.MyInvocation.MyCommand.Name, status);
        }

        public void Report(string status, string operation = null, int? percent = null)
        {
            if (status != null) _record.StatusDescription = status;
            if (operation != null) _record.CurrentOperation = operation;
            if (percent.HasValue) _record.PercentComplete = Math.Max(0, Math.Min(100, percent.Value));
            _cmdlet.WriteProgress(_record);
        }

        /// <summary>A copy's progress, in files and megabytes.</summary>
        public void Report(TransferProgress progress) =>
            Report(null, $"{progress.FilesDone} of {progress.FilesTotal} files, " +
                         $"{Megabytes(progress.BytesDone)} of {Megabytes(progress.BytesTotal)} MB", progress.Percent);

        public void Complete()
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }

        private static long Megabytes(long bytes) => bytes / (1024 * 1024);
    }
}
