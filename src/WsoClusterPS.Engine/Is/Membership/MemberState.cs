namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>What the logs say of a cluster member's current incarnation.</summary>
    public enum MemberState
    {
        /// <summary>It joined and nothing says it went away.</summary>
        Active,

        /// <summary>A peer logged that it left.</summary>
        Left,

        /// <summary>It logged its own shutdown.</summary>
        Stopped,
    }
}
