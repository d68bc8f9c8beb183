using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is;

namespace WsoClusterPS
{
    /// <summary>A cluster member as the carbon logs show it.</summary>
    public sealed class IsClusterMember
    {
        internal IsClusterMember(string memberId, IsNode node, string address, string state)
        {
            MemberId = memberId;
            Node = node;
            Address = address;
            State = state;
        }

        public string MemberId { get; }
        public IsNode Node { get; }
        public string Address { get; }

        /// <summary>Active, Left (a peer logged that it left) or Stopped (it logged its shutdown).</summary>
        public string State { get; }

        public override string ToString() => $"{Node.Name} {Address} {State}";
    }

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
        }

        /// <summary>The coordinator node, or null when none is (yet, or any longer).</summary>
        public IsNode Coordinator { get; }

        public string MemberId { get; }
        public DateTime? ElectedAt { get; }
        public IReadOnlyList<IsClusterMember> Members { get; }
        public IReadOnlyList<string> Evidence { get; }
    }

    /// <summary>One check of Test-IsCluster.</summary>
    public sealed class IsClusterCheck
    {
        internal IsClusterCheck(ClusterCheckResult result)
        {
            Check = result.Check;
            Target = result.Target;
            Passed = result.Passed;
            Reason = result.Reason;
        }

        public string Check { get; }
        public string Target { get; }
        public bool Passed { get; }
        public string Reason { get; }
    }

    /// <summary>The hosts-file line Set-IsHostsEntry made sure of.</summary>
    public sealed class IsHostsEntry
    {
        internal IsHostsEntry(string computerName, string path, string hostname, string address, bool changed)
        {
            ComputerName = computerName;
            Path = path;
            Hostname = hostname;
            Address = address;
            Changed = changed;
        }

        public string ComputerName { get; }
        public string Path { get; }
        public string Hostname { get; }
        public string Address { get; }
        public bool Changed { get; }
    }
}
