using System;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Ssh;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>Opens an SSH session to a machine, verifying its host key, always.</summary>
    [Cmdlet(VerbsCommon.New, "IsSshSession")]
    [OutputType(typeof(IsSshSession))]
    public sealed class NewIsSshSessionCommand : CancellableCmdlet
    {
        /// <summary>One or more machines; several are connected to at once.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateShape(@"^[A-Za-z0-9.:\-]+$", "a host name or an IP address")]
        public string[] HostName { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string KeyFilePath { get; set; }

        [Parameter]
        public SecureString KeyPassphrase { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string KnownHostsPath { get; set; }

        [Parameter]
        [ValidateShape(@"^SHA256:[A-Za-z0-9+/]{43}=?$", "an OpenSSH SHA256 fingerprint such as SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")]
        public string HostKeyFingerprint { get; set; }

        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary>Do the privileged steps (NGINX files and reload, the hosts file) through sudo -n.</summary>
        [Parameter]
        public SwitchParameter UseSudo { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int ConnectTimeout { get; set; } = 15;

        protected override void ProcessRecord()
        {
            var user = UserName ?? Credential?.UserName ?? Environment.UserName;
            var template = new SshOptions
            {
                Port = Port,
                UserName = user,
                Password = Credential?.GetNetworkCredential().Password,
                KeyFilePath = KeyFilePath == null ? null : GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                KeyPassphrase = KeyPassphrase == null ? null : Plain(KeyPassphrase),
                KnownHostsPath = KnownHostsPath == null
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts")
                    : GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                PinnedFingerprint = HostKeyFingerprint,
                AcceptNewHostKey = AcceptNewHostKey,
                UseSudo = UseSudo,
                ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeout),
            };
            // Every machine at once: handshakes, not hosts, set the time.
            var connected = HostName.Select(name => PerHost.Dedicated(() => SshHost.Connect(template.For(name)))).ToArray();
            for (var i = 0; i < HostName.Length; i++)
            {
                while (System.Threading.Tasks.Task.WaitAny(new System.Threading.Tasks.Task[] { connected[i] }, 250) < 0)
                {
                    if (!Cancellation.IsCancellationRequested) continue;
                    // Ctrl+C: handshakes still under way are closed when they finish, not kept.
                    foreach (var pending in connected.Skip(i))
                        pending.ContinueWith(done => done.Result.Dispose(), System.Threading.Tasks.TaskContinuationOptions.OnlyOnRanToCompletion);
                    throw new PipelineStoppedException();
                }
                try
                {
                    var session = new IsSshSession(connected[i].GetAwaiter().GetResult());
                    SshSessions.Current.Add(session);
                    WriteVerbose($"Connected to {session} ({session.HostKeyFingerprint}).");
                    WriteObject(session);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, $"{user}@{HostName[i]}:{Port}"));
                }
            }
        }

        private static string Plain(SecureString secret)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try { return Marshal.PtrToStringUni(pointer); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
