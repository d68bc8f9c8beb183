namespace WsoClusterPS
{
    /// <summary>What one change of a cluster plan does to its target.</summary>
    public enum IsClusterChangeAction
    {
        /// <summary>A node made from the pack, a file or a driver that was not there.</summary>
        Create,
        Update,
        /// <summary>A node's files deleted (scale in with -RemoveFiles).</summary>
        Remove,
        InitializeSchema,
        /// <summary>A node marked down in every upstream, and its requests waited for.</summary>
        Drain,
        Stop,
        Start,
        /// <summary>NGINX tested and reloaded; the sites written before it are put back when NGINX refuses them.</summary>
        Reload,
        /// <summary>Drained, stopped, started, waited for until ready, put back: one node at a time.</summary>
        Restart,
        /// <summary>Test-IsCluster's checks, the last change of a plan that changes anything.</summary>
        Verify,
    }
}
