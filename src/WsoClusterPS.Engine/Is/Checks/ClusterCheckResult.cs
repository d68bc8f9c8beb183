namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>One check of Test-IsCluster: what, on which node (or the cluster), how it came out, and why.</summary>
    public sealed class ClusterCheckResult
    {
        public ClusterCheckResult(CheckName check, string target, CheckOutcome outcome, string reason)
        {
            Check = check;
            Target = target;
            Outcome = outcome;
            Reason = reason;
        }

        public ClusterCheckResult(CheckName check, string target, bool passed, string reason)
            : this(check, target, passed ? CheckOutcome.Passed : CheckOutcome.Failed, reason)
        {
        }

        public CheckName Check { get; }
        public string Target { get; }
        public CheckOutcome Outcome { get; }
        public string Reason { get; }

        /// <summary>Not failed: a warning passes unless the caller asks for strictness.</summary>
        public bool Passed => Outcome != CheckOutcome.Failed;

        /// <summary>The same result with a warning counted as a failure (-Strict).</summary>
        public ClusterCheckResult Strict() =>
            Outcome == CheckOutcome.Warning ? new ClusterCheckResult(Check, Target, CheckOutcome.Failed, Reason) : this;
    }
}
