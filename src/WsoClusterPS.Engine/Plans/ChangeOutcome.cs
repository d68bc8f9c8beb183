using System;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>One change after a plan was applied: what became of it, and why it failed.</summary>
    public sealed class ChangeOutcome
    {
        public ChangeOutcome(ClusterChange change, ChangeStatus status, Exception error = null)
        {
            Change = change;
            Status = status;
            Error = error;
        }

        public ClusterChange Change { get; }
        public ChangeStatus Status { get; }
        public Exception Error { get; }
    }
}
