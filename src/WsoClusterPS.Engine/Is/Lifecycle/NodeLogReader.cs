using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// A node's Carbon logs read as entries, from their end, on its own host: <c>tac</c> reads the
    /// live log backwards, then the rotated ones newest first, grep keeps the lines the query could
    /// want, and awk stops at the time asked for or once enough entries came, so a 1 GB log costs
    /// what its tail costs, and only what the query wants travels (over SSH too). The entries are
    /// parsed and filtered exactly here.
    /// </summary>
    public static class NodeLogReader
    {
        private const string TimeFormat = "yyyy-MM-dd HH:mm:ss,fff";

        // Reversed, an entry's continuation lines (a stack trace) come before its first line: awk counts first lines
        // (those with Carbon's [yyyy-MM-dd HH:mm:ss,SSS]) and stops after the Nth, or at the first older than $1.
        private const string Stop =
            "awk -v since=\"$1\" -v tail=\"$2\" '{ if (match($0, /\\[[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] " +
            "[0-9][0-9]:[0-9][0-9]:[0-9][0-9],[0-9][0-9][0-9]\\]/)) { if (since != \"\" && substr($0, RSTART + 1, 23) < since) exit; " +
            "print; if (tail != \"\" && ++n >= tail + 0) exit } else print }'";

        public static IReadOnlyList<LogEntry> Read(NodeRecord node, LogQuery query)
        {
            var host = node.Host;
            var folder = IsLayout.LogFolder(host, node.Home);
            var files = host.DirectoryExists(folder)
                ? CarbonLog.InOrder(host.ListFiles(folder)).Reverse().Select(f => host.Combine(folder, f)).ToList() : new List<string>();
            if (files.Count == 0) return new LogEntry[0];
            var arguments = new List<string> { query.Since?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "",
                query.Tail?.ToString(CultureInfo.InvariantCulture) ?? "" };
            arguments.AddRange(files);
            var script = "tac --" + string.Concat(files.Select((_, i) => " \"${" + (i + 3).ToString(CultureInfo.InvariantCulture) + "}\""));
            foreach (var (options, texts) in Prefilters(query))
            {
                script += " | LC_ALL=C grep -a " + options;
                foreach (var text in texts)
                {
                    arguments.Add(text);
                    script += " -e \"${" + arguments.Count.ToString(CultureInfo.InvariantCulture) + "}\"";
                }
            }
            script += " | " + Stop;
            var shell = new[] { "sh", "-c", script, "sh" }.Concat(arguments).ToList();
            // tac must die when awk has enough: a .NET process (pwsh) passes SIGPIPE on ignored, and tac would then read the
            // whole file before it noticed. env --default-signal (coreutils 8.31+) restores it; older hosts run without it.
            var result = host.Run("env", new[] { "--default-signal=PIPE" }.Concat(shell).ToList(), TimeSpan.FromMinutes(10));
            if (result.ExitCode == 125) result = host.Run(shell[0], shell.Skip(1).ToList(), TimeSpan.FromMinutes(10));
            if (!result.Succeeded)
                throw new IOException($"Reading the logs in {folder} of '{node.Name}' on {host.Name} failed: {result.Error.Trim()} (exit code " +
                    $"{result.ExitCode}); it needs tac, grep and awk there.");
            var entries = Entries(Enumerable.Reverse(result.Output.Split('\n'))).Where(e => Wanted(e.Entry, e.Line, query)).Select(e => e.Entry).ToList();
            return query.Tail is int tail ? entries.Skip(Math.Max(0, entries.Count - tail)).ToList() : entries;
        }

        /// <summary>What grep can keep on the host, each a superset of what the exact filters here keep.</summary>
        private static IEnumerable<(string Options, List<string> Texts)> Prefilters(LogQuery query)
        {
            if (query.Levels.Count > 0)
                yield return ("-F", query.Levels.Select(l => " " + l.ToString().ToUpperInvariant() + " {").ToList());
            if (query.Membership)
                yield return ("-F", new List<string> { "as the Coordinator node", "Member joined [", "Member left [" });
            if (query.Pattern != null)
                yield return ("-i -P", new List<string> { query.Pattern.ToString() });
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
