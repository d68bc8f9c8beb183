using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// A node's Carbon logs read backwards on its own host: <c>tac</c> reads the live log, then the rotated ones newest
    /// first, grep keeps the lines a query could want, and awk stops as soon as the answer is settled (a time passed, enough
    /// entries, a line reached), so a 1 GB log costs what its end costs and only the kept lines travel (over SSH too).
    /// </summary>
    public static class LogScan
    {
        /// <summary>Carbon's entry time, as the log writes it and as awk compares it.</summary>
        public const string TimeFormat = "yyyy-MM-dd HH:mm:ss,fff";

        // Reversed, an entry's continuation lines (a stack trace) come before its first line: awk counts first lines
        // (those with Carbon's [yyyy-MM-dd HH:mm:ss,SSS]) and stops at the first older than $1, after the $2nd, or at the
        // first older than the first that holds $3 (lines of that same millisecond are kept: the file's order within one
        // is not the order of events). Stopping, it ends its whole process group (@GROUP@, the shell setsid made): grep
        // would otherwise scan on to the start of the file, writing nothing that could tell it awk is gone.
        private const string Stop =
            "awk -v since=\"$1\" -v tail=\"$2\" -v until=\"$3\" -v group=\"@GROUP@\" " +
            "'function done() { fflush(); if (group != \"\") system(\"kill -PIPE -\" group); exit } " +
            "{ if (match($0, /\\[[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] " +
            "[0-9][0-9]:[0-9][0-9]:[0-9][0-9],[0-9][0-9][0-9]\\]/)) { if (since != \"\" && substr($0, RSTART + 1, 23) < since) done(); " +
            "print; if (tail != \"\" && ++n >= tail + 0) done(); if (until != \"\" && index($0, until) > 0) { since = substr($0, RSTART + 1, 23); " +
            "until = \"\" } } else print }'";

        /// <summary>The exit code of a scan that stopped itself: SIGPIPE, which it sent its own process group.</summary>
        private const int StoppedEarly = 128 + 13;

        /// <summary>How many of the newest lines a filtered scan that can stop early reads backwards before it gives up on that
        /// and greps the logs forward: an answer in the last 100,000 lines (about 15 MB of a busy log) costs milliseconds, one
        /// further back the window (about 75 ms a 1 GB log) more than a forward grep. Logs of at most
        /// <see cref="WindowBytes"/> are read backwards whole.</summary>
        private const int WindowLines = 100000;

        private const long WindowBytes = 16L << 20;

        /// <summary>The kept lines, newest first; none when the node has no log yet.</summary>
        /// <param name="prefilters">Each a grep run on the host: its options (-F, -i -P) and the texts any of which keeps a line.</param>
        /// <param name="until">Stop at the entries older than the first (newest) entry line that holds this text.</param>
        public static IReadOnlyList<string> Backwards(NodeRecord node, IReadOnlyList<(string Options, IReadOnlyList<string> Texts)> prefilters,
            DateTime? since = null, int? tail = null, string until = null)
        {
            var host = node.Host;
            var folder = IsLayout.LogFolder(host, node.Home);
            var files = host.DirectoryExists(folder)
                ? CarbonLog.InOrder(host.ListFiles(folder)).Reverse().Select(f => host.Combine(folder, f)).ToList() : new List<string>();
            if (files.Count == 0) return Array.Empty<string>();
            var arguments = new List<string>
            {
                since?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "", tail?.ToString(CultureInfo.InvariantCulture) ?? "", until ?? "",
            };
            string Add(string value)
            {
                arguments.Add(value);
                return " \"${" + arguments.Count.ToString(CultureInfo.InvariantCulture) + "}\"";
            }
            var greps = prefilters.Select(f => "LC_ALL=C grep --line-buffered -a " + f.Options + string.Concat(f.Texts.Select(t => " -e" + Add(t)))).ToList();
            var fileRefs = files.Select(Add).ToList();
            var newestFirst = string.Concat(fileRefs);
            var oldestFirst = string.Concat(Enumerable.Reverse(fileRefs));
            string Backward(bool window) => string.Join(" | ", new[] { "tac --" + newestFirst }.Concat(window ? new[] { "head -n " + WindowLines } : new string[0])
                .Concat(greps).Concat(new[] { Stop }));
            // Forward, the first grep reads the files (oldest first) and tac turns only what it kept around.
            string Forward() => string.Join(" | ", new[] { greps[0].Replace("grep --line-buffered -a", "grep -a -h") + " --" + oldestFirst }
                .Concat(greps.Skip(1)).Concat(new[] { "tac", Stop }));

            var stops = since != null || tail != null || until != null;
            if (greps.Count == 0) return Run(node, folder, Backward(window: false), arguments).Lines;
            if (!stops) return Run(node, folder, Forward(), arguments).Lines;
            if (files.Sum(f => Math.Max(0, host.FileLength(f))) <= WindowBytes) return Run(node, folder, Backward(window: false), arguments).Lines;
            var recent = Run(node, folder, Backward(window: true), arguments);
            return recent.Settled ? recent.Lines : Run(node, folder, Forward(), arguments).Lines;
        }

        /// <returns>The lines awk printed, and whether awk stopped the scan itself (it had its answer).</returns>
        private static (IReadOnlyList<string> Lines, bool Settled) Run(NodeRecord node, string folder, string script, IReadOnlyList<string> arguments)
        {
            var host = node.Host;
            // In a session of its own (setsid -w, util-linux 2.25+), the shell leads the scan's process group, which awk ends when
            // it has its answer; tac also needs SIGPIPE restored (env --default-signal, coreutils 8.31+): a .NET process (pwsh)
            // passes it on ignored. A host without either scans on to the start of the file, and still answers.
            var grouped = new[] { "--default-signal=PIPE", "setsid", "-w", "sh", "-c", script.Replace("@GROUP@", "$$"), "sh" }.Concat(arguments).ToList();
            var result = host.Run("env", grouped, TimeSpan.FromMinutes(10));
            if (result.ExitCode == StoppedEarly) return (result.Output.Split('\n'), true);
            if (result.ExitCode == 125 || result.ExitCode == 127 || result.Error.Contains("setsid"))
                result = host.Run("sh", new[] { "-c", script.Replace("@GROUP@", ""), "sh" }.Concat(arguments).ToList(), TimeSpan.FromMinutes(10));
            if (!result.Succeeded)
                throw new IOException($"Reading the logs in {folder} of '{node.Name}' on {host.Name} failed: {result.Error.Trim()} (exit code " +
                    $"{result.ExitCode}); it needs tac, grep and awk there.");
            return (result.Output.Split('\n'), false);
        }
    }
}
