namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>How a stop ended.</summary>
    public enum NodeStopOutcome
    {
        /// <summary>wso2server.sh stop returned (it only signals the server); nobody waited.</summary>
        Asked,

        /// <summary>The process is gone and its ports are free.</summary>
        Gone,
    }
}
