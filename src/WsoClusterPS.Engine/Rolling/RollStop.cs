namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>Why a restart stopped before it was done.</summary>
    public enum RollStop
    {
        /// <summary>Draining the node would leave an upstream with no server serving; nothing was changed.</summary>
        LastServingNode,

        /// <summary>NGINX also sends the node requests through an upstream in a file the sites given do not include; nothing
        /// was changed.</summary>
        UnnamedUpstream,

        /// <summary>The node did not come back in time; it stays drained and the rest serve.</summary>
        NotBack,

        /// <summary>A step of the node's restart failed (its stop timed out, NGINX refused a drain or a restore); the error says
        /// where each node stands and the command that finishes the roll.</summary>
        Stopped,
    }
}
