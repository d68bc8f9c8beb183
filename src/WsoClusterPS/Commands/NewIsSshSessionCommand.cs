using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading.Tasks;
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
        [ValidateShape(ParameterShape.HostOrAddress)]
        public string[] HostName { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        [Parameter]
        [ValidateShape(ParameterShape.UserName)]
        public string UserName { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string KeyFilePath { get; set; }

        [Parameter]
        public SecureString KeyPassphrase { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string KnownHostsPath { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.Fingerprint)]
        public string HostKeyFingerprint { get; set; }

        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary>Do the privileged steps (NGINX files and reload, the hosts file) through sudo -n.</summary>
        [Parameter]
        public SwitchParameter UseSudo { get; set; }

        /// <summary>Connect again by itself when a connection drops, to the same host key only.</summary>
        [Parameter]
        public SwitchParameter Reconnect { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int ConnectTimeout { get; set; } = 15;

        protected override void ProcessRecord()
        {
            var template = Options();
            // Every machine at once: handshakes, not hosts, set the time.
            var connected = HostName.Select(name => PerHost.Dedicated(() => SshHost.Connect(template.For(name)))).ToArray();
            for (var i = 0; i < HostName.Length; i++)
            {
                WaitFor(connected, i);
                try
                {
                    var session = new IsSshSession(connected[i].GetAwaiter().GetResult());
                    SshSessions.Current.Add(session);
                    WriteVerbose($"Connected to {session} ({session.HostKeyFingerprint}).");
                    WriteObject(session);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, $"{template.UserName}@{HostName[i]}:{Port}"));
                }
            }
        }

        private SshOptions Options() => new SshOptions
        {
            Port = Port,
            UserName = UserName ?? Credential?.UserName ?? Environment.UserName,
            Password = Credential?.GetNetworkCredential().Password,
            KeyFilePath = KeyFilePath == null ? null : GetUnresolvedProviderPathFromPSPath(KeyFilePath),
            KeyPassphrase = KeyPassphrase == null ? null : Plain(KeyPassphrase),
            KnownHostsPath = KnownHostsPath == null
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts")
                : GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
            PinnedFingerprint = HostKeyFingerprint,
            AcceptNewHostKey = AcceptNewHostKey,
            UseSudo = UseSudo,
            Reconnect = Reconnect,
            ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeout),
        };

        /// <summary>
        /// Waits for connection <paramref name="i"/>; on Ctrl+C, the handshakes still under way
        /// are closed when they finish, not kept.
        /// </summary>
        private void WaitFor(IReadOnlyList<Task<SshHost>> connected, int i)
        {
            while (Task.WaitAny(new Task[] { connected[i] }, 250) < 0)
            {
                if (!Cancellation.IsCancellationRequested) continue;
                foreach (var pending in connected.Skip(i))
                    pending.ContinueWith(done => done.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                throw new PipelineStoppedException();
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
