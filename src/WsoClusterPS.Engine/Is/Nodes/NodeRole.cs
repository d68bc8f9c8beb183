namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>A node's part in the recipe; the cmdlets show it as IsNodeRole.</summary>
    public enum NodeRole
    {
        Manager,
        Worker,
    }
}
