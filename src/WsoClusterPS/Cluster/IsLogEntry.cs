using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>One entry of a node's Carbon log (Get-IsNodeLog): its first line's parts, and a stack trace after it in Message.</summary>
    public sealed class IsLogEntry
    {
        internal IsLogEntry(LogEntry entry, IsNode node)
        {
            Time = entry.Time;
            Level = entry.Level.ToPublic();
            Logger = entry.Logger;
            Message = entry.Message;
            Node = node;
        }

        /// <summary>As the log wrote it: the node's own clock and zone.</summary>
        public DateTime Time { get; }

        public IsLogLevel Level { get; }
        public string Logger { get; }
        public string Message { get; }
        public IsNode Node { get; }
    }
}
