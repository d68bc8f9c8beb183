using System.Collections.Generic;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS
{
    /// <summary>Which node is the Hazelcast coordinator now, and the log lines that say so.</summary>
    public sealed class IsCoordinator
    {
        internal IsCoordinator(CoordinatorFinding finding, IReadOnlyList<IsNode> nodes)
        {
            IsNode Of(NodeRecord record) => nodes.First(n => n.Record == record);
            Coordinator = finding.Coordinator == null ? null : Of(finding.Coordinator);
            MemberId = finding.MemberId;
            ElectedAt = finding.ElectedAt;
            Members = finding.Members.Select(m => new IsClusterMember(m.MemberId, Of(m.Node), m.Address, m.State)).ToArray();
            Evidence = finding.Evidence.ToArray();
            Note = finding.Note;
            State = Coordinator != null ? IsCoordinatorState.Elected
                : MemberId != null ? IsCoordinatorState.NotAmongNodes : IsCoordinatorState.None;
        }

        /// <summary>Whether a coordinator was found among the nodes; None is never shown as an empty row.</summary>
        public IsCoordinatorState State { get; }

        /// <summary>The coordinator node, or null when none is (yet, or any longer).</summary>
        public IsNode Coordinator { get; }

        public string MemberId { get; }
        public DateTime? ElectedAt { get; }
        public IReadOnlyList<IsClusterMember> Members { get; }
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>Why no node is named though an election was found (its member id maps to no node); null otherwise.</summary>
        public string Note { get; }
    }
}
