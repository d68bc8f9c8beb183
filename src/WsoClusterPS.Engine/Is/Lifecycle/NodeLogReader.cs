using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>A node's Carbon logs read as entries (<see cref="LogScan"/>), parsed and filtered exactly here.</summary>
    public static class NodeLogReader
    {
        public static IReadOnlyList<LogEntry> Read(NodeRecord node, LogQuery query)
        {
            var lines = LogScan.Backwards(node, Prefilters(query).ToList(), query.Since, query.Tail);
            var entries = Entries(Enumerable.Reverse(lines)).Where(e => Wanted(e.Entry, e.Line, query)).Select(e => e.Entry).ToList();
            return query.Tail is int tail ? entries.Skip(Math.Max(0, entries.Count - tail)).ToList() : entries;
        }

        /// <summary>What grep can keep on the host, each a superset of what the exact filters here keep.</summary>
        private static IEnumerable<(string Options, IReadOnlyList<string> Texts)> Prefilters(LogQuery query)
        {
            if (query.Levels.Count > 0)
                yield return ("-F", query.Levels.Select(l => " " + l.ToString().ToUpperInvariant() + " {").ToList());
            if (query.Membership)
                yield return ("-F", new[] { "as the Coordinator node", "Member joined [", "Member left [" });
            if (query.Pattern != null)
                yield return ("-i -P", new[] { query.Pattern.ToString() });
        }

        private static IEnumerable<(LogEntry Entry, string Line)> Entries(IEnumerable<string> lines)
        {
            (DateTime Time, LogLevel Level, string Logger, List<string> Message, string Line)? open = null;
            foreach (var raw in lines.Select(l => l.TrimEnd('\r')))
            {
                if (CarbonLog.TryParse(raw, out var time, out var level, out var logger, out var message) &&
                    Enum.TryParse(level, ignoreCase: true, out LogLevel parsed))
                {
                    if (open is var (t, l, g, m, line)) yield return (new LogEntry(t, l, g, string.Join("\n", m)), line);
                    open = (time, parsed, logger, new List<string> { message }, raw);
                }
                else if (open != null && raw.Length > 0) open.Value.Message.Add(raw);
            }
            if (open is var (lt, ll, lg, lm, lline)) yield return (new LogEntry(lt, ll, lg, string.Join("\n", lm)), lline);
        }

        private static bool Wanted(LogEntry entry, string line, LogQuery query) =>
            (query.Since == null || entry.Time >= query.Since) &&
            (query.Levels.Count == 0 || query.Levels.Contains(entry.Level)) &&
            (query.Pattern == null || query.Pattern.IsMatch(entry.Logger) || query.Pattern.IsMatch(entry.Message)) &&
            (!query.Membership || CarbonLog.Parse(new[] { line }).Any(e => CarbonLog.Membership.Contains(e.Kind)));
    }
}
