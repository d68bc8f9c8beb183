using System.Collections.Generic;
using WsoClusterPS.Engine.Hosts;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>The clustering lines of a node's carbon logs, rotated ones included.</summary>
    public static class NodeLogs
    {
        private static string Current(NodeRecord node) => IsLayout.CurrentLog(node.Host, node.Home);

        /// <summary>
        /// The clustering events the coordinator is worked out from, every node's logs read backwards on its own host, all
        /// hosts at once (<see cref="LogScan"/>): each back to its node's newest "Local member" line, the start of its current
        /// incarnation (all of it where there is none). A node that started later is then read on back to the earliest of
        /// those starts: a peer's "Member left" for a member that is still current may sit there. Older lines never matter,
        /// so a 1 GB log costs what its end costs.
        /// </summary>
        public static IReadOnlyList<(NodeRecord Node, IReadOnlyList<CarbonEvent> Events)> ForCoordinator(IReadOnlyList<NodeRecord> nodes)
        {
            var current = Events(nodes, node => Scan(node, since: null, until: LocalMemberMarker));
            var starts = current.Select(events => events.FirstOrDefault(e => e.Kind == CarbonEventKind.LocalMember)?.Time).ToList();
            var earliest = starts.Where(t => t != null).Min();
            var later = Enumerable.Range(0, nodes.Count).Where(i => starts[i] > earliest).ToList();
            var further = Events(later.Select(i => nodes[i]).ToList(), node => Scan(node, earliest, until: null));
            for (var j = 0; j < later.Count; j++) current[later[j]] = further[j];
            // A member logs only its own election: one under another id in a node's log is of an earlier incarnation of that
            // node, whose "Local member" line lies before the part read. It was never current, so it goes.
            return nodes.Select((n, i) => (n, (IReadOnlyList<CarbonEvent>)current[i].Where(e => e.Kind != CarbonEventKind.Elected ||
                starts[i] == null || e.MemberId == CurrentId(current[i])).ToList())).ToList();
        }

        private static readonly string LocalMemberMarker = CarbonLog.Markers[0];

        private static string CurrentId(IReadOnlyList<CarbonEvent> events) => events.Last(e => e.Kind == CarbonEventKind.LocalMember).MemberId;

        private static IReadOnlyList<CarbonEvent> Scan(NodeRecord node, DateTime? since, string until) =>
            CarbonLog.Parse(LogScan.Backwards(node, new[] { ("-F", CarbonLog.Markers) }, since, until: until).Reverse()).ToList();

        private static List<IReadOnlyList<CarbonEvent>> Events(IReadOnlyList<NodeRecord> nodes, Func<NodeRecord, IReadOnlyList<CarbonEvent>> read) =>
            PerHost.All(nodes, n => n.Host, read);

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
