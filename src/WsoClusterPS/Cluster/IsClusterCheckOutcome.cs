namespace WsoClusterPS
{
    /// <summary>How one check of Test-IsCluster came out.</summary>
    public enum IsClusterCheckOutcome
    {
        Passed,
        /// <summary>Works, but production should not run this way (stock keys, a certificate near its end). Fails with -Strict.</summary>
        Warning,
        Failed,
    }
}
