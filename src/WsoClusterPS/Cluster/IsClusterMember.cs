using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>A cluster member as the carbon logs show it.</summary>
    public sealed class IsClusterMember
    {
        internal IsClusterMember(string memberId, IsNode node, string address, MemberState state)
        {
            MemberId = memberId;
            Node = node;
            Address = address;
            State = state.ToPublic();
        }

        public string MemberId { get; }
        public IsNode Node { get; }
        public string Address { get; }

        public IsMemberState State { get; }

        public override string ToString() => $"{Node.Name} {Address} {State}";
    }
}
