namespace WsoClusterPS
{
    /// <summary>Whether a node runs, as Get-IsClusterNode read it from its host.</summary>
    public enum IsNodeState
    {
        /// <summary>Its process runs and listens on its HTTPS port.</summary>
        Running,
        /// <summary>No process: no pid file, or one whose process is gone (a crash leaves it).</summary>
        Stopped,
        /// <summary>Its process runs but does not listen on its HTTPS port yet.</summary>
        Starting,
        /// <summary>Not read (-NoState, or a node another cmdlet emitted), or a host without /proc.</summary>
        Unknown,
    }
}
