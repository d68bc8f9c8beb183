namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>One check of Test-IsCluster: what, on which node (or the cluster), pass or fail, and why.</summary>
    public sealed class ClusterCheckResult
    {
        public ClusterCheckResult(string check, string target, bool passed, string reason)
        {
            Check = check;
            Target = target;
            Passed = passed;
            Reason = reason;
        }

        public string Check { get; }
        public string Target { get; }
        public bool Passed { get; }
        public string Reason { get; }
    }
}
