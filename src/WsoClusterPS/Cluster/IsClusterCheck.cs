using WsoClusterPS.Engine.Is.Checks;


namespace WsoClusterPS
{
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
}
