namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>How a phase of a restart, drain or restore is said to the admin: in progress, verbose lines and a plan's
    /// progress alike.</summary>
    public static class RollPhases
    {
        public static string Describe(RollPhase phase)
        {
            switch (phase)
            {
                case RollPhase.Draining: return "marked down at NGINX, reloading";
                case RollPhase.WaitingForRequests: return "waiting for the requests in flight";
                case RollPhase.Stopping: return "stopping";
                case RollPhase.Starting: return "starting";
                case RollPhase.WaitingUntilReady: return "waiting until it is healthy and has joined the cluster";
                case RollPhase.Restoring: return "back in the upstreams, reloading";
                default: return "done";
            }
        }
    }
}
