using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>A member of the cluster as the logs tell it.</summary>
    public sealed class ClusterMemberState
    {
        public ClusterMemberState(string memberId, NodeRecord node, string address, MemberState state)
        {
            MemberId = memberId;
            Node = node;
            Address = address;
            State = state;
        }

        public string MemberId { get; }
        public NodeRecord Node { get; }
        public string Address { get; }

        public MemberState State { get; }
    }
}
