using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>Which entries of a node's log to read: the newest <see cref="Tail"/>, those since a time, of some levels,
    /// matching a pattern, or the cluster's membership events.</summary>
    public sealed class LogQuery
    {
        /// <summary>The newest this many entries that match; null: every one.</summary>
        public int? Tail { get; set; }

        /// <summary>Entries at or after this time (the log's own clock); null: from the start.</summary>
        public DateTime? Since { get; set; }

        /// <summary>Only these levels; empty: all.</summary>
        public IReadOnlyCollection<LogLevel> Levels { get; set; } = new LogLevel[0];

        /// <summary>A .NET regular expression the logger or the message matches, case-insensitive; null: any.</summary>
        public Regex Pattern { get; set; }

        /// <summary>Only members joining and leaving, and coordinators elected.</summary>
        public bool Membership { get; set; }
    }
}
