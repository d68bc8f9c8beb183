namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>Which of the cluster's databases a datasource must point at, or none the module knows.</summary>
    public enum DatasourceShare
    {
        /// <summary>Not one the module moves: it is reported when it stays embedded or on another server.</summary>
        None,
        Identity,
        Shared,
        AgentIdentity,
    }
}
