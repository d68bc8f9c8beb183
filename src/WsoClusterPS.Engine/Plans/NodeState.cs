namespace WsoClusterPS.Engine.Plans
{
    /// <summary>What a spec asks of a node: to run, or to be built and configured but not run.</summary>
    public enum NodeState
    {
        Running,
        Stopped,
    }
}
