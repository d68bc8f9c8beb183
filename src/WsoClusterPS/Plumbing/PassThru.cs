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
    }
}
