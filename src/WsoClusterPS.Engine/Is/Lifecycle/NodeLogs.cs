using System.Collections.Generic;
using System.IO;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>The clustering lines of a node's carbon logs, rotated ones included.</summary>
    public static class NodeLogs
    {
        private static string Folder(NodeRecord node) => IsLayout.LogFolder(node.Host, node.Home);
        private static string Current(NodeRecord node) => IsLayout.CurrentLog(node.Host, node.Home);

        /// <summary>
        /// Lets grep, on the node's host, pick out the lines that matter, so a 1 GB log costs one
        /// fast scan and only the matching lines travel (over SSH, too).
        /// </summary>
        public static IReadOnlyList<CarbonEvent> Read(NodeRecord node)
        {
            var folder = Folder(node);
            var files = CarbonLog.InOrder(node.Host.ListFiles(folder)).Select(f => node.Host.Combine(folder, f)).ToList();
            if (files.Count == 0) return Array.Empty<CarbonEvent>();
            var arguments = new List<string> { "LC_ALL=C", "grep", "-a", "-h", "-F" };
            foreach (var marker in CarbonLog.Markers) arguments.AddRange(new[] { "-e", marker });
            arguments.Add("--");
            arguments.AddRange(files);
            var result = node.Host.Run("env", arguments, TimeSpan.FromMinutes(10));
            // grep exits 1 when nothing matched: a node that never started.
            if (result.ExitCode > 1)
                throw new IOException($"Reading the logs of '{node.Name}' in {folder} on {node.Host.Name} failed: {result.Error.Trim()}");
            return CarbonLog.Parse(result.Output.Split('\n')).ToList();
        }

        /// <summary>Whether the live log, from <paramref name="offset"/> on, says the server started.</summary>
        public static bool StartedSince(NodeRecord node, long offset) =>
            CarbonLog.Parse(LinesSince(node, offset)).Any(e => e.Kind == CarbonEventKind.Started);

        /// <summary>Where the live log ends now: where a later <see cref="LinesSince"/> starts.</summary>
        public static long End(NodeRecord node) => Math.Max(0, node.Host.FileLength(Current(node)));

        /// <summary>The lines the live log gained from <paramref name="offset"/> on.</summary>
        public static IReadOnlyList<string> LinesSince(NodeRecord node, long offset)
        {
            var path = Current(node);
            if (!node.Host.FileExists(path)) return Array.Empty<string>();
            return System.Text.Encoding.UTF8.GetString(node.Host.ReadFrom(path, offset)).Split('\n');
        }

        /// <summary>The last lines of the live log, for an error that says what the node was doing.</summary>
        public static string Tail(NodeRecord node, int lines)
        {
            var path = Current(node);
            if (!node.Host.FileExists(path)) return "(no repository/logs/wso2carbon.log yet)";
            var length = node.Host.FileLength(path);
            var text = System.Text.Encoding.UTF8.GetString(node.Host.ReadFrom(path, Math.Max(0, length - 16384)));
            return string.Join("\n", text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l =>
                l.Length > 0).Reverse().Take(lines).Reverse());
        }
    }
}
