namespace WsoClusterPS
{
    /// <summary>What became of one change of a cluster plan.</summary>
    public enum IsClusterChangeStatus
    {
        /// <summary>Not applied yet: the plan as Get-IsClusterPlan returns it.</summary>
        Planned,
        Applied,
        /// <summary>Refused at -Confirm.</summary>
        Declined,
        Failed,
        /// <summary>Not run: an earlier change failed, or one it needs was declined.</summary>
        NotRun,
    }
}
