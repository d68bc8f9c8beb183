using System;
using System.IO;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>Decides whether to trust a server's host key: a pinned fingerprint, else known_hosts, as OpenSSH does.</summary>
    internal static class HostKeyTrust
    {
        private static readonly object KnownHostsGate = new object();

        /// <summary>Null when the key is trusted; otherwise the refusal, with the fingerprint and what to do.</summary>
        /// <param name="isNew">Trusted only because -AcceptNewHostKey accepts a host known_hosts does not list: the caller
        /// records it (<see cref="Record"/>) once the user agrees, never from inside the handshake.</param>
        public static HostKeyException Check(SshOptions options, byte[] key, string fingerprint, out bool isNew)
        {
            isNew = false;
            var host = options.HostName;
            var keyType = KnownHosts.KeyTypeOf(key);
            if (options.PinnedFingerprint != null)
            {
                return string.Equals(options.PinnedFingerprint.TrimEnd('='), fingerprint, StringComparison.Ordinal) ? null
                    : new HostKeyException(HostKeyProblem.NotPinned, host, fingerprint,
                        $"{host} presented the {keyType} key {fingerprint}, not the pinned {options.PinnedFingerprint}. " +
                        "Nothing was connected; check with the machine's owner which key is right.");
            }

            var path = options.KnownHostsPath;
            var where = $"{host}:{options.Port}";
            // Sessions to several machines connect at once: read, decide and record one at a time.
            lock (KnownHostsGate)
            {
                var lines = File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
                var verdict = KnownHosts.Check(lines, host, options.Port, key, out var malformed, out var authorities);
                var skipped = (malformed.Count == 0 ? string.Empty
                    : $" (line {string.Join(", ", malformed)} of it names this host but is malformed, and was skipped, as ssh skips it)") +
                    (authorities.Count == 0 ? string.Empty
                    : $" (line {string.Join(", ", authorities)} of it trusts a certificate authority (@cert-authority) for this host; " +
                        "WsoClusterPS does not check host certificates, so it needs the host's own key line)");
                switch (verdict)
                {
                    case KnownHostVerdict.Trusted:
                        return null;
                    case KnownHostVerdict.Changed:
                        return new HostKeyException(HostKeyProblem.Changed, host, fingerprint,
                            $"The host key of {where} has CHANGED: it now presents the {keyType} key {fingerprint}, which is not the " +
                                $"one in {path}. " +
                            "This can mean someone is in the middle. Nothing was connected. " +
                            "If the machine was rebuilt, remove its old line (ssh-keygen -R) and connect again.");
                    case KnownHostVerdict.Revoked:
                        return new HostKeyException(HostKeyProblem.Revoked, host, fingerprint,
                            $"{where} presented the {keyType} key {fingerprint}, which {path} marks @revoked. Nothing was connected.");
                    default:
                        if (!options.AcceptNewHostKey)
                            return new HostKeyException(HostKeyProblem.Unknown, host, fingerprint,
                                $"{where} is not in {path}{skipped}; it presents the {keyType} key {fingerprint}. Check that " +
                                    "fingerprint with " +
                                    "the machine's owner, " +
                                $"then connect with -HostKeyFingerprint '{fingerprint}' or with -AcceptNewHostKey (which records it). " +
                                    "Nothing was connected.");
                        isNew = true;
                        return null;
                }
            }
        }

        /// <summary>Adds the host's key to known_hosts, one writer at a time.</summary>
        public static void Record(SshOptions options, byte[] key)
        {
            lock (KnownHostsGate) KnownHosts.Add(options.KnownHostsPath, options.HostName, options.Port, key);
        }
    }
}
