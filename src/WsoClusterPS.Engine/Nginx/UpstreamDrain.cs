using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// Takes a server out of every upstream of an NGINX file and puts it back, as text edits that
    /// keep everything else byte for byte. A drained line says so and carries its old text, so any
    /// later session (Start-IsNode -Site) puts back exactly what was there.
    /// </summary>
    /// <remarks>
    /// <c>down</c>, not removing the line: ip_hash keeps hashing the other clients as before
    /// (ROLLING-RESTART.md §1). And the 2-node trap: with one server <c>down</c>, one error bans the
    /// survivor for fail_timeout (502 "no live upstreams"), so a server left serving alone gets
    /// <c>max_fails=0</c> until the drained one is back.
    /// </remarks>
    public static class UpstreamDrain
    {
        private const string DrainedMark = "# WsoClusterPS: drained; was: ";
        private const string AloneMark = "# WsoClusterPS: serves alone while another drains; was: ";

        private static readonly Regex UpstreamOpen = new Regex(@"\A\s*upstream\s+(?<name>[^\s{]+)\s*\{\s*(?:#.*)?\z",
            RegexOptions.CultureInvariant);
        private static readonly Regex BlockClose = new Regex(@"\A\s*\}\s*(?:#.*)?\z", RegexOptions.CultureInvariant);
        private static readonly Regex Server = new Regex(
            @"\A(?<indent>[ \t]*)server[ \t]+(?<address>[^\s;#]+)(?<parameters>(?:[ \t]+[^\s;#]+)*)[ \t]*;[ \t]*(?<comment>#.*)?\z",
            RegexOptions.CultureInvariant);

        /// <summary>Every <c>server</c> line of every upstream in <paramref name="text"/>.</summary>
        public static IReadOnlyList<UpstreamServer> Servers(string text)
        {
            var servers = new List<UpstreamServer>();
            Rewrite(text, (upstream, address, line) =>
            {
                servers.Add(new UpstreamServer(upstream, address, IsDown(line),
                    Server.Match(line).Groups["comment"].Value.StartsWith(DrainedMark, StringComparison.Ordinal)));
                return line;
            });
            return servers;
        }

        /// <summary>Marks <paramref name="endpoint"/> <c>down</c> in every upstream listing it, and keeps a lone survivor from
        /// being banned. Refuses (InvalidOperationException) to leave an upstream with no server up: run on the file as it
        /// is when written, this holds even when two drains race.</summary>
        public static string Drain(string text, string endpoint)
        {
            var drained = Rewrite(text, (upstream, address, line) => address == endpoint && !IsDown(line)
                ? Marked(line, "down", DrainedMark) : line);
            var upBefore = new HashSet<string>(Servers(text).Where(s => !s.Down).Select(s => s.Upstream));
            var emptied = Servers(drained).GroupBy(s => s.Upstream)
                .Where(g => g.Any(s => s.Address == endpoint) && g.All(s => s.Down) && upBefore.Contains(g.Key))
                .Select(g => g.Key).ToList();
            if (emptied.Count > 0)
                throw new InvalidOperationException($"Draining {endpoint} would leave upstream {string.Join(", ", emptied)} with no server up.");
            var alone = ServingAlone(drained);
            return Rewrite(drained, (upstream, address, line) => alone.Contains(upstream) && !IsDown(line) &&
                !Server.Match(line).Groups["parameters"].Value.Contains("max_fails=") ? Marked(line, "max_fails=0", AloneMark) : line);
        }

        /// <summary>Puts <paramref name="endpoint"/>'s lines back as they were before the drain, and the lone survivors'
        /// lines of upstreams where they no longer serve alone.</summary>
        public static string Restore(string text, string endpoint)
        {
            var restored = Rewrite(text, (upstream, address, line) => address == endpoint ? Unmarked(line, DrainedMark) : line);
            var stillAlone = ServingAlone(restored);
            return Rewrite(restored, (upstream, address, line) => stillAlone.Contains(upstream) ? line : Unmarked(line, AloneMark));
        }

        /// <summary>Per upstream listing <paramref name="endpoint"/>, the servers not marked <c>down</c>.</summary>
        public static IReadOnlyDictionary<string, IReadOnlyList<string>> Serving(string text, string endpoint)
        {
            var servers = Servers(text);
            return servers.Where(s => s.Address == endpoint).Select(s => s.Upstream).Distinct()
                .ToDictionary(u => u, u => (IReadOnlyList<string>)servers.Where(s => s.Upstream == u && !s.Down)
                    .Select(s => s.Address).ToList());
        }

        /// <summary>The upstreams where a drain of ours leaves one server serving.</summary>
        private static HashSet<string> ServingAlone(string text) => new HashSet<string>(Servers(text).GroupBy(s => s.Upstream)
            .Where(g => g.Count(s => !s.Down) == 1 && g.Any(s => s.DrainedByUs)).Select(g => g.Key));

        private static bool IsDown(string line) => Server.Match(line).Groups["parameters"].Value
            .Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Contains("down");

        private static string Marked(string line, string parameter, string mark)
        {
            var m = Server.Match(line);
            return $"{m.Groups["indent"].Value}server {m.Groups["address"].Value}{m.Groups["parameters"].Value} {parameter};  " +
                $"{mark}{line.Substring(m.Groups["indent"].Length)}";
        }

        private static string Unmarked(string line, string mark)
        {
            var m = Server.Match(line);
            var comment = m.Groups["comment"].Value;
            return comment.StartsWith(mark, StringComparison.Ordinal)
                ? m.Groups["indent"].Value + comment.Substring(mark.Length) : line;
        }

        /// <summary>Applies <paramref name="change"/> (upstream, address, line) to each server line inside an upstream block;
        /// every other byte stays.</summary>
        private static string Rewrite(string text, Func<string, string, string, string> change)
        {
            var lines = text.Split('\n');
            string upstream = null;
            for (var i = 0; i < lines.Length; i++)
            {
                var cr = lines[i].EndsWith("\r", StringComparison.Ordinal) ? "\r" : string.Empty;
                var content = lines[i].Substring(0, lines[i].Length - cr.Length);
                Match m;
                if (upstream == null)
                {
                    if ((m = UpstreamOpen.Match(content)).Success) upstream = m.Groups["name"].Value;
                }
                else if (BlockClose.IsMatch(content)) upstream = null;
                else if ((m = Server.Match(content)).Success) lines[i] = change(upstream, m.Groups["address"].Value, content) + cr;
            }
            return string.Join("\n", lines);
        }
    }
}
