using System.Collections.Generic;
using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>Who the coordinator is, when it was elected, the members, and the lines that say so.</summary>
    public sealed class CoordinatorFinding
    {
        public CoordinatorFinding(NodeRecord coordinator, string memberId, DateTime? electedAt, IReadOnlyList<ClusterMemberState> members,
            IReadOnlyList<string> evidence, string note = null)
        {
            Note = note;
            Coordinator = coordinator;
            MemberId = memberId;
            ElectedAt = electedAt;
            Members = members;
            Evidence = evidence;
        }

        public NodeRecord Coordinator { get; }
        public string MemberId { get; }
        public DateTime? ElectedAt { get; }
        public IReadOnlyList<ClusterMemberState> Members { get; }
        public IReadOnlyList<string> Evidence { get; }

        /// <summary>Why the coordinator is not named though an election was found; null otherwise.</summary>
        public string Note { get; }
    }
}
