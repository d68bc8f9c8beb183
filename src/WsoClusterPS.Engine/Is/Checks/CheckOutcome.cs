namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>How one check came out: a warning is what production should not run with, yet works.</summary>
    public enum CheckOutcome
    {
        Passed,
        Warning,
        Failed,
    }
}
