using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>One change of a cluster plan (Get-IsClusterPlan), in the order it runs; Invoke-IsClusterPlan applies it.</summary>
    public sealed class IsClusterChange
    {
        private string _diff;
        private bool _diffBuilt;

        internal IsClusterChange(ClusterChange change, int step)
        {
            Change = change;
            Step = step;
            Action = change.Action.ToPublic();
        }

        /// <summary>Its place in the plan, from 1.</summary>
        public int Step { get; }

        public string Host => Change.Host;

        /// <summary>The file, node home, database or NGINX it touches.</summary>
        public string Target => Change.Target;

        public IsClusterChangeAction Action { get; }

        /// <summary>The node it belongs to; empty for the database and NGINX.</summary>
        public string Node => Change.Node;

        public string Reason => Change.Reason;

        /// <summary>The unified diff of a file change, secrets masked; empty for any other change.</summary>
        public string Diff
        {
            get
            {
                if (!_diffBuilt) (_diff, _diffBuilt) = (Change.Diff, true);
                return _diff;
            }
        }

        public IsClusterChangeStatus Status { get; internal set; } = IsClusterChangeStatus.Planned;

        /// <summary>Why it failed; empty unless Status is Failed.</summary>
        public string Error { get; internal set; }

        internal ClusterChange Change { get; }

        public override string ToString() => Change.ToString();
    }
}
