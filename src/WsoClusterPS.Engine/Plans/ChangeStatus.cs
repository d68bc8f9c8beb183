namespace WsoClusterPS.Engine.Plans
{
    /// <summary>What became of one change when its plan was applied.</summary>
    public enum ChangeStatus
    {
        /// <summary>Not applied yet: the plan as Get-IsClusterPlan returns it.</summary>
        Planned,
        Applied,
        /// <summary>Refused at -Confirm, or left out by -WhatIf.</summary>
        Declined,
        Failed,
        /// <summary>Not run: an earlier change failed, or one it needs was declined.</summary>
        NotRun,
    }
}
