using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Points every node at one shared MySQL database, installs the JDBC driver and creates the schema: step 2.</summary>
    [Cmdlet(VerbsCommon.Set, "IsDatabase", SupportsShouldProcess = true, DefaultParameterSetName = OneDatabase)]
    [OutputType(typeof(IsNode))]
    public sealed class SetIsDatabaseCommand : NodeSetCmdlet
    {
        private const string OneDatabase = "OneDatabase";
        private const string TwoDatabases = "TwoDatabases";

        /// <summary>The database server as the IS nodes reach it.</summary>
        [Parameter(Mandatory = true)]
        [ValidateShape(@"^[A-Za-z0-9.:-]+$", "a host name or an IP address")]
        public string Server { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 3306;

        [Parameter(Mandatory = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = OneDatabase)]
        [ValidateNotNullOrEmpty]
        public string Database { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TwoDatabases)]
        [ValidateNotNullOrEmpty]
        public string IdentityDatabase { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TwoDatabases)]
        [ValidateNotNullOrEmpty]
        public string SharedDatabase { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AgentIdentityDatabase { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserStoreType { get; set; } = "database_unique_id";

        [Parameter]
        public Hashtable ConnectionOption { get; set; }

        [Parameter]
        public Hashtable PoolOption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JdbcDriverPath { get; set; }

        [Parameter]
        public SwitchParameter InitializeSchema { get; set; }

        [Parameter]
        [Credential]
        public PSCredential AdminCredential { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = Nodes;
            if (nodes.Count == 0) return;
            var password = Credential.GetNetworkCredential().Password;
            DatabaseSettings settings;
            try
            {
                settings = new DatabaseSettings(Server, Port, Credential.UserName, password,
                    Database ?? IdentityDatabase, Database ?? SharedDatabase, AgentIdentityDatabase, UserStoreType,
                    ConnectionOption?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(e.Key.ToString(), e.Value?.ToString())),
                    PoolOption?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>(e.Key.ToString(), e.Value is PSObject wrapped ? wrapped.BaseObject : e.Value)));
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
                return;
            }

            // Plan every file first: a broken deployment.toml is reported before the database is touched.
            var driverJar = JdbcDriverPath == null ? null : GetUnresolvedProviderPathFromPSPath(JdbcDriverPath);
            var planned = PlanOnEveryHost(nodes, n => (
                Toml: FileEdit.OfToml(n.Host, n.DeploymentToml, settings.ApplyTo, new[] { password }),
                Driver: driverJar == null ? null : JdbcDriver.Plan(n.Host, n.Home, driverJar)));
            if (planned.Count == 0) return;

            // Once for the whole pipeline, from the first node's pack; when it fails no file is touched.
            if (InitializeSchema && ShouldProcess($"MySQL {Server}:{Port}", $"Create databases and schema ({string.Join(", ", new[] { settings.SharedDatabase, settings.IdentityDatabase, settings.AgentIdentityDatabase }.Where(d => d != null).Distinct())}) from {planned[0].Node.Home}/dbscripts"))
                CreateSchema(settings, planned[0].Node);

            // Ask here; then copy drivers, then write files, on every host at once. A node whose
            // driver could not be copied keeps its old deployment.toml.
            var copy = planned.Select(p => p.Plan.Driver != null && p.Plan.Driver.Changed &&
                                           ShouldProcess(p.Plan.Driver.Target + " on " + p.Node.ComputerName, p.Plan.Driver.Description)).ToList();
            foreach (var (node, (_, driver)) in planned.Where(p => p.Plan.Driver != null && !p.Plan.Driver.Changed))
                WriteVerbose($"{driver.Target} on {node.ComputerName}: the driver is current.");
            var copied = PerHost.Run(Enumerable.Range(0, planned.Count).ToList(), i => planned[i].Node.Host, i =>
            {
                if (copy[i]) planned[i].Plan.Driver.Apply();
                return true;
            });
            var ready = Enumerable.Range(0, planned.Count).Where(i => copied[i].Error == null).ToList();
            var written = this.CommitAll(ready.Select(i => planned[i].Plan.Toml).ToList(), Backup);
            for (var i = 0; i < planned.Count; i++)
            {
                var at = ready.IndexOf(i);
                var error = copied[i].Error ?? written[at].Error;
                if (error != null) WriteError(ErrorRecords.From(this, error, planned[i].Node));
                else if (PassThru) WriteObject(planned[i].Node);
            }
        }

        private void CreateSchema(DatabaseSettings settings, IsNode source)
        {
            var progress = new ProgressRecord(2, "Set-IsDatabase", $"Creating the IS schema on {Server}:{Port}");
            ErrorRecord failure = null;
            try
            {
                var targets = SchemaCatalogue.For(source.Host, source.Home, settings);
                // The server is named as the nodes see it: from their machine, through SSH when remote.
                IReadOnlyList<SchemaScriptResult> results;
                using (var tunnel = source.Host.OpenTunnel(Server, Port))
                {
                    var shownAs = $"{Server}:{Port}{tunnel.Route}";
                    var account = new DatabaseServer(tunnel.Host, tunnel.Port, Credential.UserName, settings.Password, shownAs);
                    var admin = AdminCredential == null ? null : new DatabaseServer(tunnel.Host, tunnel.Port, AdminCredential.UserName, AdminCredential.GetNetworkCredential().Password, shownAs);
                    results = SchemaInstaller.Install(account, admin, targets, step =>
                    {
                        progress.CurrentOperation = $"{step.Script}: {step.StatementsDone} of {step.StatementCount} statements";
                        progress.PercentComplete = (int)(100.0 * (step.ScriptIndex + (double)step.StatementsDone / Math.Max(1, step.StatementCount)) / step.ScriptCount);
                        WriteProgress(progress);
                    }, Cancellation);
                }
                foreach (var result in results)
                    WriteVerbose(result.AlreadyInstalled
                        ? $"{result.Script}: already installed in '{result.Database}', not run again."
                        : $"{result.Script}: {result.Statements} statement{(result.Statements == 1 ? string.Empty : "s")} run in '{result.Database}'.");
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                failure = ErrorRecords.From(this, error, $"{Server}:{Port}");
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (failure != null) ThrowTerminatingError(failure);
        }
    }
}
