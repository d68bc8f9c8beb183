namespace WsoClusterPS
{
    /// <summary>The levels of Carbon's log lines.</summary>
    public enum IsLogLevel
    {
        Trace,
        Debug,
        Info,
        Warn,
        Error,
        Fatal,
    }
}
