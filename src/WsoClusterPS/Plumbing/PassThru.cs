using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>What -PassThru emits after an edit: the node as its files say now, with whether this run changed anything,
    /// so a runbook restarts only the nodes that need it.</summary>
    internal static class PassThru
    {
        /// <param name="withState">Read whether it runs, and under which unit, too: what a service cmdlet changed.</param>
        public static void WriteNode(this Cmdlet cmdlet, IsNode node, bool changed, bool withState = false)
        {
            var emitted = new PSObject(withState ? IsNode.WithState(Engine.Is.Nodes.NodeReader.Reread(node.Record)) : node.Reread());
            emitted.Properties.Add(new PSNoteProperty("Changed", changed));
            cmdlet.WriteObject(emitted);
        }
    }
}
