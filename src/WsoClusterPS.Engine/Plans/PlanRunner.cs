using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// Applies a plan's changes in order and stops at the first that fails: what is left is what a
    /// new plan of the same spec holds, so running again picks up from there.
    /// </summary>
    public static class PlanRunner
    {
        /// <param name="confirm">Asked before each change (ShouldProcess); false declines it, and the changes that need it.</param>
        /// <param name="reported">Told each outcome as soon as it is known.</param>
        public static IReadOnlyList<ChangeOutcome> Apply(IReadOnlyList<ClusterChange> changes, Func<ClusterChange, bool> confirm,
            ChangeRun run, Action<ChangeOutcome> reported)
        {
            var given = new HashSet<ClusterChange>(changes);
            var applied = new HashSet<ClusterChange>();
            var outcomes = new List<ChangeOutcome>();
            var failed = false;
            foreach (var change in changes)
            {
                var outcome = failed || Waits(change, given, applied) ? new ChangeOutcome(change, ChangeStatus.NotRun)
                    : !confirm(change) ? new ChangeOutcome(change, ChangeStatus.Declined)
                    : Run(change, run, given, applied);
                failed |= outcome.Status == ChangeStatus.Failed;
                outcomes.Add(outcome);
                reported(outcome);
            }
            return outcomes;
        }

        /// <summary>
        /// Applies changes already confirmed on every host at once, each host's in order: the way a
        /// step cmdlet's one-step plan runs. A change that fails stops only the changes that need it
        /// (a node whose driver was not copied keeps its old file); the other nodes go on.
        /// </summary>
        /// <param name="confirmed">Per change, whether it was confirmed (ShouldProcess, asked before on PowerShell's thread).</param>
        public static IReadOnlyList<ChangeOutcome> ApplyOnEveryHost(IReadOnlyList<ClusterChange> changes, IReadOnlyList<bool> confirmed,
            ChangeRun run)
        {
            var given = new HashSet<ClusterChange>(changes);
            var applied = new HashSet<ClusterChange>();
            var outcomes = PerHost.Run(Enumerable.Range(0, changes.Count).ToList(), i => changes[i].Machine, i =>
                confirmed[i] ? Run(changes[i], run, given, applied) : new ChangeOutcome(changes[i], ChangeStatus.Declined));
            return outcomes.Select(o => o.Value).ToList();
        }

        /// <summary>Whether a change waits for one of the given changes that was not applied.</summary>
        private static bool Waits(ClusterChange change, ISet<ClusterChange> given, ISet<ClusterChange> applied)
        {
            lock (applied) return change.After.Any(c => given.Contains(c) && !applied.Contains(c));
        }

        /// <summary>One confirmed change: not run while it waits for another, else applied (and noted so) or failed.</summary>
        private static ChangeOutcome Run(ClusterChange change, ChangeRun run, ISet<ClusterChange> given, ISet<ClusterChange> applied)
        {
            if (Waits(change, given, applied)) return new ChangeOutcome(change, ChangeStatus.NotRun);
            try
            {
                run.Cancel.ThrowIfCancellationRequested();
                change.Apply(run);
            }
            catch (Exception error)
            {
                return new ChangeOutcome(change, ChangeStatus.Failed, error);
            }
            lock (applied) applied.Add(change);
            return new ChangeOutcome(change, ChangeStatus.Applied);
        }
    }
}
