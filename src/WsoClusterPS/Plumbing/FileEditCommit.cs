using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>How a cmdlet asks about a planned file change (skipped when unchanged), writes one, and reports it.</summary>
    internal static class FileEditCommit
    {
        /// <returns>True when the file was written.</returns>
        /// <param name="force">Replace a read-only file, as Set-Content -Force does.</param>
        public static bool Commit(this PSCmdlet cmdlet, FileEdit edit, bool keepBackup, bool force, LockWait wait)
        {
            if (!cmdlet.Confirm(edit)) return false;
            edit.Apply(keepBackup, force, wait);
            cmdlet.Written(edit, keepBackup);
            return true;
        }

        internal static bool Confirm(this PSCmdlet cmdlet, FileEdit edit)
        {
            if (!edit.Changed)
            {
                cmdlet.WriteVerbose($"{edit.Path} on {edit.Host.Name}: unchanged, not rewritten.");
                return false;
            }

            // -WhatIf prints the description: the unified diff of what would change.
            var diff = ShouldProcessText.IsShown(cmdlet) ? "\n" + edit.Diff : string.Empty;
            var target = $"{edit.Path} on {edit.Host.Name}";
            return cmdlet.ShouldProcess($"Update {target}:{diff}", $"Update {target}?{diff}", "Confirm");
        }

        /// <summary>What an edit that sealed a secret owes when it kept a backup: the backup holds the old plain value.</summary>
        internal static void WarnOfPlainBackup(this PSCmdlet cmdlet, FileEdit edit) =>
            cmdlet.WriteWarning($"{edit.Path}.bak on {edit.Host.Name} keeps the previous file, with the secret in plain text (readable by " +
                $"its owner only). Remove it once the node runs with the sealed secret: Remove-Item '{edit.Path}.bak' (or run without -Backup).");

        internal static void Written(this PSCmdlet cmdlet, FileEdit edit, bool keepBackup)
        {
            if (edit.TookOverLockFrom != null)
                cmdlet.WriteWarning($"{edit.Path} on {edit.Host.Name}: took over the lock of {edit.TookOverLockFrom}, whose lease had run " +
                    "out (a run that was killed, or lost its connection).");
            var backup = keepBackup ? ", previous version kept as " + edit.Path + ".bak" : string.Empty;
            var again = edit.Replanned ? " It had changed since it was read (another run?), so the change was made again on what was " +
                "there" : "";
            cmdlet.WriteVerbose($"{edit.Path} on {edit.Host.Name}: updated{backup}.{again}");
        }
    }
}
