namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>Whether a node runs, as its host shows it.</summary>
    public enum RunState
    {
        /// <summary>Its process runs and listens on its HTTPS port.</summary>
        Running,
        /// <summary>No process: no pid file, or one whose process is gone (a crash leaves it).</summary>
        Stopped,
        /// <summary>Its process runs but does not listen on its HTTPS port yet.</summary>
        Starting,
        /// <summary>Not read (Get-IsClusterNode -NoState, a node another cmdlet emitted), or a host without /proc.</summary>
        Unknown,
    }
}
