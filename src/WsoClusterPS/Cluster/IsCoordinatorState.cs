namespace WsoClusterPS
{
    /// <summary>What the logs say of the coordinator.</summary>
    public enum IsCoordinatorState
    {
        /// <summary>A node given is the coordinator.</summary>
        Elected,

        /// <summary>A member was elected, but its id maps to none of the nodes given (see Note).</summary>
        NotAmongNodes,

        /// <summary>No node is the coordinator: none started, or the coordinator stopped and nobody was elected yet.</summary>
        None,
    }
}
