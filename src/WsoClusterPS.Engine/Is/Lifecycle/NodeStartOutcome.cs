namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>How a start ended.</summary>
    public enum NodeStartOutcome
    {
        /// <summary>The node ran already; nothing was started.</summary>
        AlreadyRunning,

        /// <summary>wso2server.sh start returned; nobody waited for the node.</summary>
        Started,

        /// <summary>The node answers on its port and its log says it started.</summary>
        Ready,
    }
}
