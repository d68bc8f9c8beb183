namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>Why a restart stopped before it was done.</summary>
    public enum RollStop
    {
        /// <summary>Draining the node would leave an upstream with no server serving; nothing was changed.</summary>
        LastServingNode,

        /// <summary>The node did not come back in time; it stays drained and the rest serve.</summary>
        NotBack,
    }
}
