using System;
using System.Collections.Generic;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// One step of a cluster plan: where it acts, what it touches, why, the diff it makes, how to
    /// make it, and the changes that must be made before it.
    /// </summary>
    public sealed class ClusterChange
    {
        private readonly Action<ChangeRun> _apply;

        public ClusterChange(IHost machine, string target, ChangeAction action, string node, string reason, Action<ChangeRun> apply,
            IReadOnlyList<ClusterChange> after = null)
        {
            Machine = machine;
            Target = target;
            Action = action;
            Node = node;
            Reason = reason;
            _apply = apply;
            After = after ?? Array.Empty<ClusterChange>();
        }

        /// <summary>A planned file edit as a change: Create for a new file, Update otherwise; its diff is the edit's.</summary>
        public static ClusterChange Of(FileEdit edit, string node, string reason, IReadOnlyList<ClusterChange> after = null) =>
            new ClusterChange(edit.Host, edit.Path, edit.PreviousBytes == null ? ChangeAction.Create : ChangeAction.Update, node, reason,
                run => edit.Apply(run.KeepBackup, run.ReplaceReadOnly, run.Wait), after) { Edit = edit };

        /// <summary>The machine it acts on.</summary>
        public IHost Machine { get; }

        /// <summary>The machine as it names itself (localhost, or the SSH session's computer).</summary>
        public string Host => Machine.Name;

        /// <summary>The file, node home, database or NGINX it touches.</summary>
        public string Target { get; }

        public ChangeAction Action { get; }

        /// <summary>The node it belongs to; null for the database and NGINX.</summary>
        public string Node { get; }

        public string Reason { get; }

        /// <summary>The file edit it makes; null for any other change.</summary>
        public FileEdit Edit { get; private set; }

        /// <summary>The unified diff of a file change (secrets masked), built when asked; null for any other change.</summary>
        public string Diff => Edit?.Diff;

        /// <summary>The changes that must be applied before this one: when one of them is not, this one is not run.</summary>
        public IReadOnlyList<ClusterChange> After { get; }

        public void Apply(ChangeRun run) => _apply(run);

        public override string ToString() => $"{Action} {Target} on {Host}";
    }
}
