using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>
    /// Works out the current coordinator from every node's log. Hazelcast's coordinator is the
    /// oldest live member, and Carbon logs when a member elects itself; it does not log the member
    /// list. So the current coordinator is the latest election that nothing cancelled since: not
    /// the node's own shutdown or restart (a new member id), nor a peer's "Member left" for it.
    /// </summary>
    public static class CoordinatorFinder
    {
        public static CoordinatorFinding Find(IReadOnlyList<(NodeRecord Node, IReadOnlyList<CarbonEvent> Events)> logs)
        {
            // A node's current incarnation is its latest "Local member" line; a restart brings a new id.
            var current = logs
                .Select(l => (l.Node, l.Events, Local: l.Events.LastOrDefault(e => e.Kind == CarbonEventKind.LocalMember)))
                .ToList();
            var leftAt = logs.SelectMany(l => l.Events).Where(e => e.Kind == CarbonEventKind.MemberLeft)
                .GroupBy(e => e.MemberId).ToDictionary(g => g.Key, g => g.Max(e => e.Time));

            var members = current.Where(c => c.Local != null).Select(c =>
            {
                var stopped = c.Events.Any(e => e.Kind == CarbonEventKind.ShuttingDown && e.Time >= c.Local.Time);
                var left = leftAt.TryGetValue(c.Local.MemberId, out var at) && at >= c.Local.Time;
                return new ClusterMemberState(c.Local.MemberId, c.Node, c.Local.Address, stopped ? MemberState.Stopped : left
                    ? MemberState.Left : MemberState.Active);
            }).ToList();

            var election = current
                .Where(c => c.Local != null)
                .SelectMany(c => c.Events.Where(e => e.Kind == CarbonEventKind.Elected && e.MemberId == c.Local.MemberId).Select(e =>
                    (c.Node, Event: e)))
                .OrderBy(x => x.Event.Time)
                .LastOrDefault();
            var evidence = new List<string>();
            foreach (var c in current.Where(c => c.Local != null)) evidence.Add(c.Local.Line);
            if (election.Event == null) return Unmapped(logs, members, evidence, after: null);

            evidence.Add(election.Event.Line);
            var member = members.First(m => m.MemberId == election.Event.MemberId);
            var cancelled = Cancellation(logs, election.Node, election.Event);
            if (cancelled != null)
            {
                evidence.Add(cancelled.Line);
                return Unmapped(logs, members, evidence, after: election.Event.Time);
            }
            return new CoordinatorFinding(election.Node, member.MemberId, election.Event.Time, members, evidence);
        }

        /// <summary>
        /// An election whose member id no "Local member" line maps to a node (that line rotated out
        /// of the logs, or the log starts later): the id and the log it is in are reported, never
        /// guessed into a node, and never reported as no coordinator at all. Only an election later than
        /// <paramref name="after"/> (the last mapped one, cancelled since) counts.
        /// </summary>
        private static CoordinatorFinding Unmapped(IReadOnlyList<(NodeRecord Node, IReadOnlyList<CarbonEvent> Events)> logs,
            IReadOnlyList<ClusterMemberState> members, List<string> evidence, System.DateTime? after)
        {
            var mapped = new HashSet<string>(logs.SelectMany(l => l.Events).Where(e => e.Kind == CarbonEventKind.LocalMember)
                .Select(e => e.MemberId));
            var latest = logs.SelectMany(l => l.Events.Where(e => e.Kind == CarbonEventKind.Elected && !mapped.Contains(e.MemberId) &&
                    (after == null || e.Time > after))
                    .Select(e => (l.Node, Event: e)))
                .OrderBy(x => x.Event.Time).LastOrDefault();
            if (latest.Event == null) return new CoordinatorFinding(null, null, null, members, evidence);
            if (Cancellation(logs, latest.Node, latest.Event) != null) return new CoordinatorFinding(null, null, null, members, evidence);
            evidence.Add(latest.Event.Line);
            return new CoordinatorFinding(null, latest.Event.MemberId, latest.Event.Time, members, evidence,
                $"Member [{latest.Event.MemberId}] was elected coordinator at {latest.Event.Time:yyyy-MM-dd HH:mm:ss} (in the log of " +
                $"'{latest.Node.Name}'), but no 'Local member' line in the logs maps that id to a node, so it is not known to be " +
                $"'{latest.Node.Name}': its start-up lines may have rotated out of repository/logs.");
        }

        /// <summary>What ended an election since: a peer's "Member left" for the elected id, or the shutdown of the node
        /// whose log holds it; null when nothing did.</summary>
        private static CarbonEvent Cancellation(IReadOnlyList<(NodeRecord Node, IReadOnlyList<CarbonEvent> Events)> logs,
            NodeRecord electedIn, CarbonEvent election) =>
            logs.SelectMany(l => l.Events)
                .Where(e => e.Time >= election.Time && e.MemberId == election.MemberId && e.Kind == CarbonEventKind.MemberLeft)
                .Concat(logs.First(l => l.Node == electedIn).Events.Where(e => e.Time >= election.Time
                    && e.Kind == CarbonEventKind.ShuttingDown))
                .OrderBy(e => e.Time)
                .FirstOrDefault();
    }
}
