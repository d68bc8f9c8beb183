using System;
using System.Collections.Generic;
using System.Linq;

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
                ChangeOutcome outcome;
                if (failed || change.After.Any(c => given.Contains(c) && !applied.Contains(c)))
                    outcome = new ChangeOutcome(change, ChangeStatus.NotRun);
                else if (!confirm(change))
                    outcome = new ChangeOutcome(change, ChangeStatus.Declined);
                else
                {
                    try
                    {
                        run.Cancel.ThrowIfCancellationRequested();
                        change.Apply(run);
                        applied.Add(change);
                        outcome = new ChangeOutcome(change, ChangeStatus.Applied);
                    }
                    catch (Exception error)
                    {
                        failed = true;
                        outcome = new ChangeOutcome(change, ChangeStatus.Failed, error);
                    }
                }
                outcomes.Add(outcome);
                reported(outcome);
            }
            return outcomes;
        }
    }
}
