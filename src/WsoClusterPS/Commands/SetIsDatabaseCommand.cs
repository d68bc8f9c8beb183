using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Points every node at one shared MySQL database, installs the JDBC driver and creates the schema: step 2.</summary>
    [Cmdlet(VerbsCommon.Set, "IsDatabase", SupportsShouldProcess = true, DefaultParameterSetName = OneDatabase, HelpUri = HelpLinks.Docs + "Set-IsDatabase.md")]
    [OutputType(typeof(IsNode))]
    public sealed class SetIsDatabaseCommand : NodeSetCmdlet
    {
        private const string OneDatabase = "OneDatabase";
        private const string TwoDatabases = "TwoDatabases";

        /// <summary>The database server as the IS nodes reach it.</summary>
        [Parameter(Mandatory = true)]
        [ValidateShape(ParameterShape.HostOrAddress)]
        public string Server { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 3306;

        [Parameter(Mandatory = true)]
        [NoPromptCredential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = OneDatabase)]
        [ValidateShape(ParameterShape.DatabaseName)]
        public string Database { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TwoDatabases)]
        [ValidateShape(ParameterShape.DatabaseName)]
        public string IdentityDatabase { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TwoDatabases)]
        [ValidateShape(ParameterShape.DatabaseName)]
        public string SharedDatabase { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.DatabaseName)]
        public string AgentIdentityDatabase { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.UserStoreType)]
        public string UserStoreType { get; set; } = "database_unique_id";

        [Parameter]
        public Hashtable ConnectionOption { get; set; }

        [Parameter]
        public Hashtable PoolOption { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string JdbcDriverPath { get; set; }

        [Parameter]
        public SwitchParameter InitializeSchema { get; set; }

        [Parameter]
        [NoPromptCredential]
        public PSCredential AdminCredential { get; set; }

        /// <summary>Write the password as WSO2 Secure Vault ciphertext in [secrets], referenced as $secret{alias}.</summary>
        [Parameter]
        public SwitchParameter EncryptSecret { get; set; }

        /// <summary>The password of each node's keystore (the user name is not used); WSO2's stock wso2carbon when not given.</summary>
        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a read-only file too, as Set-Content -Force does; its mode stays.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Datasources to move to this database even though they point at another server or are written with
        /// $env{} placeholders (their tables: database.user, datasource.AgentIdentity), or * for every one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Datasource { get; set; }

        /// <summary>How long to wait for another run's lock on a file, one deadline for every file of the command; Ctrl+C ends
        /// the wait.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            var settings = ErrorRecords.OrStop(this, Settings, nodes);

            // Plan every file first: a broken deployment.toml is reported before the database is touched.
            var driverJar = JdbcDriverPath == null ? null : GetUnresolvedProviderPathFromPSPath(JdbcDriverPath);
            var keystorePassword = EncryptSecret ? KeystorePassword.From(this, KeystoreCredential) : null;
            var planned = PlanOnEveryHost(nodes, n => DatabaseSetup.Plan(n.Record, settings, driverJar, keystorePassword));
            if (planned.Count == 0) return;
            foreach (var warning in planned.SelectMany(p => p.Plan.Warnings)) WriteWarning(warning);

            // Once for the whole pipeline, from the first node's pack; when it fails no file is touched.
            var databases = string.Join(", ", new[] { settings.SharedDatabase, settings.IdentityDatabase, settings.AgentIdentityDatabase }
                .Where(d => d != null).Distinct());
            if (InitializeSchema && ShouldProcess($"MySQL {Server}:{Port}", $"Create databases and schema ({databases}) from " +
                $"{planned[0].Node.Home}/dbscripts"))
                CreateSchema(settings, planned[0].Node);
            Apply(planned);
        }

        private DatabaseSettings Settings() =>
            new DatabaseSettings(Server, Port, Credential.UserName, Credential.GetNetworkCredential().Password,
                Database ?? IdentityDatabase, Database ?? SharedDatabase, AgentIdentityDatabase, UserStoreType,
                ConnectionOption?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(e.Key.ToString(),
                    e.Value?.ToString())),
                PoolOption?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>(e.Key.ToString(),
                    e.Value is PSObject wrapped ? wrapped.BaseObject : e.Value)), Datasource);

        /// <summary>Asks here (PowerShell's thread), then copies drivers and writes files on every host at once; a node whose
        /// driver was not copied keeps its old files.</summary>
        private void Apply(IReadOnlyList<(IsNode Node, NodeDatabasePlan Plan)> planned)
        {
            foreach (var (node, plan) in planned)
            {
                if (plan.Driver != null && !plan.Driver.Changed) WriteVerbose($"{plan.Driver.Target} on {node.ComputerName}: the driver is current.");
                if (!plan.Toml.Changed) this.Confirm(plan.Toml);
            }
            var results = this.Apply(planned.Select(p => StepChanges.Of(p.Plan)).ToList(), Backup, Force, LockWaitFor(LockTimeoutSeconds));
            this.Report(planned.Select(p => p.Node).ToList(), results, PassThru, i =>
            {
                if (Backup && EncryptSecret) this.WarnOfPlainBackup(planned[i].Plan.Toml);
            });
        }

        private void CreateSchema(DatabaseSettings settings, IsNode source)
        {
            var progress = new ProgressWriter(this, ProgressActivity.CreateSchema, $"Creating the IS schema on {Server}:{Port}");
            var admin = AdminCredential == null ? null : new DatabaseAccount(AdminCredential.UserName,
                AdminCredential.GetNetworkCredential().Password);
            ErrorRecord failure = null;
            try
            {
                var results = DatabaseSetup.CreateSchema(source.Record, settings, admin,
                    step => progress.Report(null, $"{step.Script}: {step.StatementsDone} of {step.StatementCount} statements",
                        step.Percent),
                    Cancellation);
                foreach (var result in results) WriteVerbose(result.Summary);
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                failure = ErrorRecords.From(this, error, $"{Server}:{Port}");
            }
            progress.Complete();
            if (failure != null) ThrowTerminatingError(failure);
        }
    }
}
