using System.Collections.Generic;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>The changes that bring a cluster to its spec, in the order they run, and what the admin must hear first.</summary>
    public sealed class ClusterPlan
    {
        public ClusterPlan(IReadOnlyList<ClusterChange> changes, IReadOnlyList<string> warnings)
        {
            Changes = changes;
            Warnings = warnings;
        }

        public IReadOnlyList<ClusterChange> Changes { get; }
        public IReadOnlyList<string> Warnings { get; }
    }
}
