using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>What -PassThru emits after an edit: the node as its files say now, with whether this run changed anything,
    /// so a runbook restarts only the nodes that need it.</summary>
    internal static class PassThru
    {
        public static void WriteNode(this Cmdlet cmdlet, IsNode node, bool changed)
        {
            var emitted = new PSObject(node.Reread());
            emitted.Properties.Add(new PSNoteProperty("Changed", changed));
            cmdlet.WriteObject(emitted);
        }

        /// <summary>The warning an edit that sealed a secret owes when it kept a backup: the backup holds the old plain value.</summary>
        public static void WarnOfPlainBackup(this Cmdlet cmdlet, string path, string hostName) =>
            cmdlet.WriteWarning($"{path}.bak on {hostName} keeps the previous file, with the secret in plain text (readable by its owner " +
                $"only). Remove it once the node runs with the sealed secret: Remove-Item '{path}.bak' (or run without -Backup).");
    }
}
