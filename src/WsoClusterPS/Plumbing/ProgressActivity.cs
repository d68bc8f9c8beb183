namespace WsoClusterPS.Plumbing
{
    /// <summary>Write-Progress activity ids: one per kind of long work, so bars of one pipeline never overwrite each other.</summary>
    internal enum ProgressActivity
    {
        CopyPack = 1,
        CreateSchema = 2,
        WaitForNode = 3,
        RestartNode = 4,
        ApplyPlan = 5,
    }
}
