using System.Linq;
using System.Management.Automation;
using System.Security;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Seals any secret into each node's [secrets] with WSO2 Secure Vault, optionally referenced from a key.</summary>
    [Cmdlet(VerbsSecurity.Protect, "IsSecret", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "Protect-IsSecret.md")]
    [OutputType(typeof(IsNode))]
    public sealed class ProtectIsSecretCommand : NodeSetCmdlet
    {
        /// <summary>The name in [secrets], as $secret{alias} refers to it: admin_password.</summary>
        [Parameter(Mandatory = true)]
        [ValidateShape(ParameterShape.Identifier)]
        public string Alias { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public SecureString Secret { get; set; }

        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        /// <summary>With -Key, the table whose key becomes "$secret{alias}": super_admin.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.TableName)]
        public string Table { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.Identifier)]
        public string Key { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a secret the alias already holds, and a read-only file, as Set-Content -Force does (its mode stays).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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
            if ((Table == null) != (Key == null))
                ThrowTerminatingError(ErrorRecords.From(this, new System.ArgumentException(
                    "Give -Table and -Key together (where the $secret{} reference goes), or neither; nothing was written."), nodes));
            var password = KeystorePassword.From(this, KeystoreCredential);
            var secret = new System.Net.NetworkCredential(string.Empty, Secret).Password;
            var planned = PlanOnEveryHost(nodes, n => SecretProtection.Plan(n.Record, password, Alias, secret, Table, Key, Force));
            foreach (var (_, plan) in planned.Where(p => !p.Plan.Toml.Changed)) this.Confirm(plan.Toml);
            var results = this.Apply(planned.Select(p => StepChanges.Of(p.Plan, p.Node.Name, $"seal the secret as [secrets] {Alias}")).ToList(),
                Backup, Force, LockWaitFor(LockTimeoutSeconds));
            this.Report(planned.Select(p => p.Node).ToList(), results, PassThru, i =>
            {
                if (Backup && Table != null) this.WarnOfPlainBackup(planned[i].Plan.Toml);
            });
        }
    }
}
