using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Checks;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>The last change of a plan found the cluster failing Test-IsCluster's checks: each failed check, and why.</summary>
    public sealed class ClusterCheckException : System.Exception
    {
        public ClusterCheckException(IReadOnlyList<ClusterCheckResult> failed)
            : base("Every change was applied, but the cluster fails " + (failed.Count == 1 ? "a check" : $"{failed.Count} checks") +
                ": " + string.Join("; ", failed.Select(f => $"{f.Check} on {f.Target}: {f.Reason.TrimEnd('.')}")) +
                ". Run Test-IsCluster for the details; running the plan again changes only what is still off.")
        {
            Failed = failed;
        }

        public IReadOnlyList<ClusterCheckResult> Failed { get; }
    }
}
