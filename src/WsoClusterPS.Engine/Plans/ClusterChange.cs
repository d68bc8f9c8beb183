using System;
using System.Collections.Generic;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// One step of a cluster plan: where it acts, what it touches, why, the diff it makes, how to
    /// make it, and the changes that must be made before it.
    /// </summary>
    public sealed class ClusterChange
    {
        private readonly Action<ChangeRun> _apply;
        private readonly Func<string> _diff;

        public ClusterChange(string host, string target, ChangeAction action, string node, string reason, Action<ChangeRun> apply,
            IReadOnlyList<ClusterChange> after = null, Func<string> diff = null)
        {
            Host = host;
            Target = target;
            Action = action;
            Node = node;
            Reason = reason;
            _apply = apply;
            _diff = diff;
            After = after ?? Array.Empty<ClusterChange>();
        }

        /// <summary>The machine it acts on, as the host names itself (localhost, or the SSH session's computer).</summary>
        public string Host { get; }

        /// <summary>The file, node home, database or NGINX it touches.</summary>
        public string Target { get; }

        public ChangeAction Action { get; }

        /// <summary>The node it belongs to; null for the database and NGINX.</summary>
        public string Node { get; }

        public string Reason { get; }

        /// <summary>The unified diff of a file change (secrets masked), built when asked; null for any other change.</summary>
        public string Diff => _diff?.Invoke();

        /// <summary>The changes that must be applied before this one: when one of them is not, this one is not run.</summary>
        public IReadOnlyList<ClusterChange> After { get; }

        public void Apply(ChangeRun run) => _apply(run);

        public override string ToString() => $"{Action} {Target} on {Host}";
    }
}
