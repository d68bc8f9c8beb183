using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is;

namespace WsoClusterPS.Plumbing
{
    /// <summary>How every cmdlet applies a planned file change: skip when unchanged, ask, then write atomically.</summary>
    internal static class FileEditCommit
    {
        /// <returns>True when the file was written.</returns>
        public static bool Commit(this PSCmdlet cmdlet, FileEdit edit, bool keepBackup)
        {
            if (!edit.Changed)
            {
                cmdlet.WriteVerbose($"{edit.Path} on {edit.Host.Name}: unchanged, not rewritten.");
                return false;
            }

            // -WhatIf prints the description: the unified diff of what would change.
            var diff = edit.Diff;
            if (!cmdlet.ShouldProcess($"Update {edit.Path} on {edit.Host.Name}:\n{diff}", $"Update {edit.Path} on {edit.Host.Name}?\n{diff}", "Confirm"))
                return false;
            edit.Apply(keepBackup);
            cmdlet.WriteVerbose($"{edit.Path} on {edit.Host.Name}: updated{(keepBackup ? ", previous version kept as " + edit.Path + ".bak" : string.Empty)}.");
            return true;
        }
    }
}
