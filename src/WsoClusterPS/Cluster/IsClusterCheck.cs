using WsoClusterPS.Engine.Is.Checks;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>One check of Test-IsCluster.</summary>
    public sealed class IsClusterCheck
    {
        internal IsClusterCheck(ClusterCheckResult result)
        {
            Check = result.Check.ToPublic();
            Target = result.Target;
            Outcome = result.Outcome.ToPublic();
            Reason = result.Reason;
        }

        public IsClusterCheckName Check { get; }

        /// <summary>The node the check is about, "(cluster)" for the nodes together, or the balancer's URI.</summary>
        public string Target { get; }

        public IsClusterCheckOutcome Outcome { get; }

        /// <summary>Not failed: a warning passes (it fails with -Strict).</summary>
        public bool Passed => Outcome != IsClusterCheckOutcome.Failed;

        public string Reason { get; }
    }
}
