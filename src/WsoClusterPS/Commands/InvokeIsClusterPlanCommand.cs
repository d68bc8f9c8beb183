using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>
    /// Applies a cluster plan in order, asking for each change; stops at the first change that
    /// fails and says what was applied and what is left. Running it again picks up from there.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IsClusterPlan", SupportsShouldProcess = true, DefaultParameterSetName = FromPlan,
        HelpUri = HelpLinks.Docs + "Invoke-IsClusterPlan.md")]
    [OutputType(typeof(IsClusterChange))]
    public sealed class InvokeIsClusterPlanCommand : SpecCmdlet
    {
        private const string FromPlan = "Plan";
        private readonly List<IsClusterChange> _gathered = new List<IsClusterChange>();

        /// <summary>The changes Get-IsClusterPlan returned, all or some.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromPlan)]
        [ValidateNotNull]
        public IsClusterChange[] InputObject { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a read-only file too, as Set-Content -Force does; its mode stays.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How long to wait for another run's lock on a file, one deadline for every file of the plan; Ctrl+C ends
        /// the wait.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) _gathered.AddRange(InputObject);
        }

        protected override void EndProcessing()
        {
            var changes = ParameterSetName == FromSpec ? PlanSpec() : _gathered.Distinct().OrderBy(c => c.Step).ToList();
            if (changes.Count == 0)
            {
                WriteVerbose("Nothing to change: the cluster is as the spec says.");
                return;
            }
            if (ShouldProcessText.IsWhatIf(this))
            {
                // Every change is printed, those after one that would not run too.
                foreach (var change in changes) ShouldProcess(Target(change), Describe(change));
                return;
            }
            var byChange = changes.ToDictionary(c => c.Change);
            var progress = new ProgressWriter(this, ProgressActivity.ApplyPlan, "Applying the cluster plan");
            var step = 0;
            var now = string.Empty;
            // PowerShell 7's Minimal view shows only the status: the step and what it is doing go there together.
            var run = new ChangeRun(Cancellation, (status, percent) => progress.Report($"{now}: {status}", null, percent),
                LockWaitFor(LockTimeoutSeconds), Backup, Force);
            IReadOnlyList<ChangeOutcome> outcomes;
            try
            {
                outcomes = PlanRunner.Apply(changes.Select(c => c.Change).ToList(), change =>
                {
                    now = $"{++step} of {changes.Count}: {change}";
                    progress.Report(now, null, 100 * (step - 1) / changes.Count);
                    return ShouldProcess(Target(byChange[change]), Describe(byChange[change]));
                }, run, outcome => Report(byChange[outcome.Change], outcome));
            }
            finally
            {
                progress.Complete();
            }
            var failed = outcomes.FirstOrDefault(o => o.Status == ChangeStatus.Failed);
            if (failed == null || failed.Error is OperationCanceledException && Cancellation.IsCancellationRequested) return;
            var applied = outcomes.Count(o => o.Status == ChangeStatus.Applied);
            var left = outcomes.Count(o => o.Status == ChangeStatus.NotRun);
            WriteError(ErrorRecords.From(this, failed.Error, byChange[failed.Change],
                $"The plan stopped at change {byChange[failed.Change].Step} of {changes.Count} ({failed.Change}): {failed.Error.Message} " +
                $"{applied} change(s) were applied before it and {left} were not run. Fix what the message names, then run " +
                "Invoke-IsClusterPlan -Spec again: the new plan holds only what is left."));
        }

        private void Report(IsClusterChange change, ChangeOutcome outcome)
        {
            change.Status = outcome.Status.ToPublic();
            change.Error = outcome.Error?.Message;
            if (outcome.Status == ChangeStatus.Applied) WriteVerbose($"{change.Step}. {change.Change}: done.");
            else if (outcome.Status == ChangeStatus.NotRun && outcome.Error == null && change.Change.After.Count > 0)
                WriteVerbose($"{change.Step}. {change.Change}: not run.");
            if (PassThru) WriteObject(change);
        }

        private static string Target(IsClusterChange change) => $"{change.Target} on {change.Host}";

        private string Describe(IsClusterChange change)
        {
            var diff = change.Diff != null && ShouldProcessText.IsShown(this) ? "\n" + change.Diff : string.Empty;
            return $"{change.Step}. {change.Action}: {change.Reason}{diff}";
        }
    }
}
