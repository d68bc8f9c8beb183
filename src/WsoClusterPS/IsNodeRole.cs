namespace WsoClusterPS
{
    /// <summary>
    /// A node's part in the recipe. WSO2 IS nodes are alike; the manager is the one started
    /// first (so it becomes the Hazelcast coordinator) and the one admins log in to.
    /// </summary>
    public enum IsNodeRole
    {
        Manager,
        Worker,
    }
}
