using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using WsoClusterPS.Engine.Is.Keystores;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Production keys for the whole cluster: one keystore with the same bytes on every node, trusted and named in
    /// deployment.toml, and one [encryption] key.</summary>
    [Cmdlet(VerbsCommon.Set, "IsKeystore", SupportsShouldProcess = true, DefaultParameterSetName = EncryptionKeyOnly,
        HelpUri = HelpLinks.Docs + "Set-IsKeystore.md")]
    [OutputType(typeof(IsNode))]
    public sealed class SetIsKeystoreCommand : NodeSetCmdlet
    {
        private const string Pfx = "Pfx";
        private const string Certificate2 = "Certificate";
        private const string NewKey = "New";
        private const string EncryptionKeyOnly = "EncryptionKeyOnly";

        /// <summary>A PFX (PKCS#12) file with one key and its certificate chain.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Pfx)]
        [ValidateNotNullOrEmpty]
        public string PfxPath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = Pfx)]
        [PasswordTransformation]
        public SecureString PfxPassword { get; set; }

        /// <summary>A certificate with its private key (what Get-AutomationCertificate returns); the key must be exportable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Certificate2)]
        [ValidateNotNull]
        public X509Certificate2 Certificate { get; set; }

        /// <summary>Make a new key: RSA 3072, SHA-256, self-signed for the nodes' hostname (subject and SAN).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NewKey)]
        public SwitchParameter New { get; set; }

        /// <summary>With -New, also write a certificate signing request (PEM) here, for a CA to sign.</summary>
        [Parameter(ParameterSetName = NewKey)]
        [ValidateNotNullOrEmpty]
        public string CsrPath { get; set; }

        [Parameter(ParameterSetName = NewKey)]
        [ValidateRange(1, 3650)]
        public int ValidityDays { get; set; } = 365;

        /// <summary>The password of the keystore written (and of its key).</summary>
        [Parameter(Mandatory = true, ParameterSetName = Pfx)]
        [Parameter(Mandatory = true, ParameterSetName = Certificate2)]
        [Parameter(Mandatory = true, ParameterSetName = NewKey)]
        [NoPromptCredential]
        public PSCredential NewKeystoreCredential { get; set; }

        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        [ValidateShape(ParameterShape.Identifier)]
        public string Alias { get; set; }

        /// <summary>A bare file name in repository/resources/security.</summary>
        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        [ValidateShape(ParameterShape.FileNameBase)]
        public string FileName { get; set; }

        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        public IsKeystoreType StoreType { get; set; }

        /// <summary>Serve TLS with the new key too ([keystore.tls]).</summary>
        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        public SwitchParameter Tls { get; set; }

        /// <summary>Where [keystore.internal] falls back to the primary keystore, keep the one in use for it.</summary>
        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        public SwitchParameter KeepInternalKeystore { get; set; }

        /// <summary>The truststore's password, where deployment.toml seals it.</summary>
        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        [NoPromptCredential]
        public PSCredential TruststoreCredential { get; set; }

        /// <summary>Generate one 32-byte [encryption] key for every node.</summary>
        [Parameter(ParameterSetName = Pfx)]
        [Parameter(ParameterSetName = Certificate2)]
        [Parameter(ParameterSetName = NewKey)]
        [Parameter(Mandatory = true, ParameterSetName = EncryptionKeyOnly)]
        public SwitchParameter EncryptionKey { get; set; }

        /// <summary>The password of the keystore Secure Vault seals with, for nodes that use it.</summary>
        [Parameter]
        [NoPromptCredential]
        public PSCredential KeystoreCredential { get; set; }

        /// <summary>An account to ask the database whether it holds data, where deployment.toml seals the password.</summary>
        [Parameter]
        [NoPromptCredential]
        public PSCredential DatabaseCredential { get; set; }

        [Parameter]
        public SwitchParameter Backup { get; set; }

        /// <summary>Replace a key that encrypted data already, and the cluster's own key with a new one.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(0, 3600)]
        public int LockTimeoutSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var nodes = NodesOrError();
            if (nodes.Count == 0) return;
            StopIfAnyInputFailed("the keystore");
            try
            {
                var request = new KeystoreRequest
                {
                    Key = Key(nodes),
                    StoreType = MyInvocation.BoundParameters.ContainsKey(nameof(StoreType)) ? StoreType.ToEngine() : (VaultKeystoreType?)null,
                    Alias = Alias,
                    FileName = FileName,
                    Password = NewKeystoreCredential?.GetNetworkCredential().Password,
                    Tls = Tls,
                    EncryptionKey = EncryptionKey,
                    KeepInternalKeystore = KeepInternalKeystore,
                    Force = Force,
                    TruststorePassword = TruststoreCredential?.GetNetworkCredential().Password,
                    VaultPassword = () => KeystorePassword.From(this, KeystoreCredential),
                    DatabaseAccount = DatabaseCredential == null ? null
                        : new DatabaseAccount(DatabaseCredential.UserName, DatabaseCredential.GetNetworkCredential().Password),
                };
                var (plans, notes) = KeystoreSetup.Plan(nodes.Select(n => n.Record).ToList(), request);
                foreach (var note in notes) WriteVerbose(note);
                if (request.Key != null && CsrPath != null) WriteRequest(request.Key, nodes[0].Hostname);
                Apply(nodes, plans);
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.From(this, error, nodes));
            }
        }

        private ClusterKey Key(System.Collections.Generic.IReadOnlyList<IsNode> nodes)
        {
            switch (ParameterSetName)
            {
                case Pfx:
                    var path = GetUnresolvedProviderPathFromPSPath(PfxPath);
                    return ClusterKey.FromPkcs12(File.ReadAllBytes(path), new System.Net.NetworkCredential(string.Empty, PfxPassword).Password,
                        $"'{path}'");
                case Certificate2:
                    return CertificateTransfer.ToKey(Certificate);
                case NewKey:
                    return ClusterKey.New(nodes[0].Hostname ?? "localhost", ValidityDays);
                default:
                    return null;
            }
        }

        private void WriteRequest(ClusterKey key, string hostname)
        {
            var path = GetUnresolvedProviderPathFromPSPath(CsrPath);
            if (ShouldProcess(path, $"Write a certificate signing request for {key.Subject}"))
                File.WriteAllText(path, key.CertificateRequest(hostname ?? "localhost"));
        }

        private void Apply(System.Collections.Generic.IReadOnlyList<IsNode> nodes, System.Collections.Generic.IReadOnlyList<KeystorePlan> plans)
        {
            foreach (var plan in plans.Where(p => !p.Files.Toml.Changed)) this.Confirm(plan.Files.Toml);
            var results = this.Apply(plans.Select(StepChanges.Of).ToList(), Backup, Force, LockWaitFor(LockTimeoutSeconds));
            this.Report(nodes, results, PassThru);
            if (results.Any(r => r.Changed))
                WriteWarning("The nodes run with their old keys until they restart: restart them one at a time (Restart-IsNode -Rolling " +
                    "-Site ...) for the new keys to take effect with no failed request.");
        }
    }
}
