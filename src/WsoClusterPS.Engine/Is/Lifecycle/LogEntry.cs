using System;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>One entry of a Carbon log: its first line's parts, and the lines that followed it (a stack trace).</summary>
    public sealed class LogEntry
    {
        public LogEntry(DateTime time, LogLevel level, string logger, string message)
        {
            Time = time;
            Level = level;
            Logger = logger;
            Message = message;
        }

        public DateTime Time { get; }
        public LogLevel Level { get; }
        public string Logger { get; }
        public string Message { get; }
    }
}
