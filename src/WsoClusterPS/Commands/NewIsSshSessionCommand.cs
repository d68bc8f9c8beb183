using System;
using System.Collections;
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
    [Cmdlet(VerbsCommon.New, "IsSshSession", SupportsShouldProcess = true, HelpUri = HelpLinks.Docs + "New-IsSshSession.md")]
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
        [NoPromptCredential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string KeyFilePath { get; set; }

        /// <summary>The private key itself, as a vault hands it out: a string, a SecureString, or a PSCredential whose
        /// password is the key. It stays in memory, never on disk.</summary>
        [Parameter]
        public object Key { get; set; }

        [Parameter]
        public SecureString KeyPassphrase { get; set; }

        [Parameter]
        [ValidateShape(ParameterShape.SingleLine)]
        public string KnownHostsPath { get; set; }

        /// <summary>The host key to trust instead of known_hosts: one fingerprint, or a hashtable of host name to fingerprint
        /// when several -HostName are given.</summary>
        [Parameter]
        [ValidateShape(ParameterShape.Fingerprint)]
        public object HostKeyFingerprint { get; set; }

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
            var template = ErrorRecords.OrStop(this, Options, HostName);
            var names = HostName.Where(name => ShouldProcess($"{template.UserName}@{name}:{Port}",
                "Open an SSH session (a host key known_hosts does not list is recorded only when -AcceptNewHostKey is given)")).ToList();
            // Every machine at once: handshakes, not hosts, set the time.
            var connected = names.Select(name => PerHost.Dedicated(() => SshHost.Connect(ForHost(template, name)))).ToArray();
            for (var i = 0; i < names.Count; i++)
            {
                WaitFor(connected, i);
                try
                {
                    var host = connected[i].GetAwaiter().GetResult();
                    if (!Recorded(host)) continue;
                    var session = new IsSshSession(host);
                    SshSessions.Current.Add(session);
                    WriteVerbose($"Connected to {session} ({session.HostKeyFingerprint}).");
                    WriteObject(session);
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, $"{template.UserName}@{names[i]}:{Port}"));
                }
            }
        }

        /// <summary>A host key accepted as new goes to known_hosts only when the user agrees; declined, the session closes.</summary>
        private bool Recorded(SshHost host)
        {
            if (!host.HostKeyIsNew) return true;
            if (ShouldProcess(host.Options.KnownHostsPath, $"Record {host.Name}'s {host.NewHostKeyType} host key {host.HostKeyFingerprint}"))
            {
                host.RecordHostKey();
                return true;
            }
            host.Dispose();
            return false;
        }

        private SshOptions Options()
        {
            var keyText = KeyText(out var keyUser);
            if (keyText != null && KeyFilePath != null)
                throw new ArgumentException("Give the key either as a file (-KeyFilePath) or as text (-Key), not both; nothing was connected.");
            if (HostKeyFingerprint is IDictionary map)
            {
                var strangers = map.Keys.Cast<object>().Select(k => k.ToString())
                    .Where(k => !HostName.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
                if (strangers.Count > 0)
                    throw new ArgumentException($"-HostKeyFingerprint names {string.Join(", ", strangers)}, which -HostName does not " +
                        "list. Give one fingerprint per host name as -HostName spells it; nothing was connected.");
            }
            return new SshOptions
            {
                Port = Port,
                UserName = UserName ?? Credential?.UserName ?? keyUser ?? Environment.UserName,
                Password = Credential?.GetNetworkCredential().Password,
                KeyFilePath = KeyFilePath == null ? null : GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                KeyText = keyText,
                KeyPassphrase = KeyPassphrase == null ? null : Plain(KeyPassphrase),
                KnownHostsPath = KnownHostsPath == null
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts")
                    : GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                AcceptNewHostKey = AcceptNewHostKey,
                UseSudo = UseSudo,
                Reconnect = Reconnect,
                ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeout),
            };
        }

        /// <summary>The options for one machine, with its own pinned fingerprint where one is given.</summary>
        private SshOptions ForHost(SshOptions template, string name)
        {
            var options = template.For(name);
            switch (Unwrapped(HostKeyFingerprint))
            {
                case string one:
                    options.PinnedFingerprint = one;
                    break;
                case IDictionary map:
                    options.PinnedFingerprint = map.Keys.Cast<object>().Where(k => string.Equals(k.ToString(), name,
                        StringComparison.OrdinalIgnoreCase)).Select(k => Unwrapped(map[k])?.ToString()).FirstOrDefault();
                    break;
            }
            return options;
        }

        /// <summary>The key's text from -Key; a PSCredential's user name is the login when none is given otherwise.</summary>
        private string KeyText(out string userName)
        {
            userName = null;
            switch (Unwrapped(Key))
            {
                case null: return null;
                case string text: return text;
                case SecureString secure: return Plain(secure);
                case PSCredential credential:
                    userName = string.IsNullOrEmpty(credential.UserName) ? null : credential.UserName;
                    return credential.GetNetworkCredential().Password;
                default:
                    throw new ArgumentException($"-Key takes the private key's text (OpenSSH or PEM) as a string, a SecureString or a " +
                        $"PSCredential whose password is the key, not a {Unwrapped(Key).GetType().Name}. For a key file, give " +
                        "-KeyFilePath; nothing was connected.");
            }
        }

        private static object Unwrapped(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

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
