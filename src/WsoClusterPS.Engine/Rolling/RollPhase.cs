namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>Where a node is in its restart, for progress.</summary>
    public enum RollPhase
    {
        /// <summary>Marked down at NGINX, which reloads.</summary>
        Draining,

        /// <summary>Waiting until the requests NGINX had in flight to it are done.</summary>
        WaitingForRequests,

        Stopping,
        Starting,

        /// <summary>Waiting for its health API and for it to join the cluster.</summary>
        WaitingUntilReady,

        /// <summary>Put back in the upstreams, and NGINX reloads.</summary>
        Restoring,

        Done,
    }
}
