using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Plans;

namespace WsoClusterPS.Plumbing
{
    /// <summary>A cmdlet that plans a cluster spec: the spec, the sessions that reach its machines, its credentials.</summary>
    public abstract class SpecCmdlet : CancellableCmdlet
    {
        internal const string FromSpec = "Spec";

        /// <summary>The path of a .psd1 or .json spec, or a hashtable.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromSpec)]
        [ValidateNotNull]
        public object Spec { get; set; }

        /// <summary>The sessions to the spec's machines, matched to its ComputerName values.</summary>
        [Parameter(ParameterSetName = FromSpec)]
        [ValidateNotNull]
        public IsSshSession[] Session { get; set; }

        /// <summary>Credentials by the names the spec gives them: @{ 'wso2is-db' = $credential }.</summary>
        [Parameter(ParameterSetName = FromSpec)]
        [ValidateNotNull]
        public Hashtable Credential { get; set; }

        /// <summary>A node left out of the spec loses its files too, once drained and stopped.</summary>
        [Parameter(ParameterSetName = FromSpec)]
        public SwitchParameter RemoveFiles { get; set; }

        /// <summary>The spec's plan as change objects, in the order they run; its warnings are written here.</summary>
        internal IReadOnlyList<IsClusterChange> PlanSpec()
        {
            ClusterPlan plan;
            try
            {
                var (table, folder) = SpecInput.Read(this, Spec);
                var spec = ClusterSpec.Read(table, path => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path)));
                var credentials = new SpecCredentials(this, Credential);
                plan = ClusterPlanner.Plan(spec, new PlanContext(HostOf, credentials.Resolve, RemoveFiles));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, Spec));
                throw;   // not reached: ThrowTerminatingError throws
            }
            foreach (var warning in plan.Warnings) WriteWarning(warning);
            return plan.Changes.Select((change, i) => new IsClusterChange(change, i + 1)).ToList();
        }

        /// <summary>The machine a spec's ComputerName names: this one for none, else the session whose computer (host or
        /// host:port) it is.</summary>
        private IHost HostOf(string computerName)
        {
            if (computerName == null) return LocalHost.Instance;
            var sessions = Session ?? Array.Empty<IsSshSession>();
            var session = sessions.FirstOrDefault(s => Same(s.ComputerName, computerName)) ??
                          sessions.FirstOrDefault(s => Same(s.HostName, computerName));
            return session?.Host ?? throw new SpecException($"No session reaches '{computerName}': give -Session with a session to it " +
                $"(New-IsSshSession {computerName} ...). Nothing was changed.");
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
