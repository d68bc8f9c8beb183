namespace WsoClusterPS
{
    /// <summary>What the carbon logs say of a cluster member.</summary>
    public enum IsMemberState
    {
        /// <summary>It joined and nothing says it went away.</summary>
        Active,

        /// <summary>A peer logged that it left.</summary>
        Left,

        /// <summary>It logged its own shutdown.</summary>
        Stopped,
    }
}
