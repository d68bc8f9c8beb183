namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>The levels Carbon's log4j layouts print.</summary>
    public enum LogLevel
    {
        Trace,
        Debug,
        Info,
        Warn,
        Error,
        Fatal,
    }
}
