using System.Management.Automation;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>What it takes to bring the cluster to a spec: typed changes in the order they run, each with its diff;
    /// nothing is changed.</summary>
    [Cmdlet(VerbsCommon.Get, "IsClusterPlan", DefaultParameterSetName = FromSpec, HelpUri = HelpLinks.Docs + "Get-IsClusterPlan.md")]
    [OutputType(typeof(IsClusterChange))]
    public sealed class GetIsClusterPlanCommand : SpecCmdlet
    {
        protected override void EndProcessing() => WriteObject(PlanSpec(), enumerateCollection: true);
    }
}
