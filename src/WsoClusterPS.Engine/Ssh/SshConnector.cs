using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>Logs in to a machine over SSH, verifying its host key, always; SSH.NET's errors become ours.</summary>
    internal static class SshConnector
    {
        public static SshConnection Connect(SshOptions options)
        {
            var key = LoadKey(options);
            if (key == null && options.Password == null)
                throw new ArgumentException("Give -KeyFilePath, -Key or -Credential to log in with. Nothing was connected.");

            HostKeyException refused = null;
            string fingerprint = null;
            byte[] newKey = null;
            void Verify(object sender, HostKeyEventArgs offered)
            {
                fingerprint = "SHA256:" + offered.FingerPrintSHA256;
                refused = HostKeyTrust.Check(options, offered.HostKey, fingerprint, out var isNew);
                if (isNew) newKey = offered.HostKey;
                offered.CanTrust = refused == null;
            }

            var shell = new SshClient(Login(options, key));
            var files = new SftpClient(Login(options, key)) { OperationTimeout = TimeSpan.FromMinutes(5) };
            shell.HostKeyReceived += Verify;
            files.HostKeyReceived += Verify;
            try
            {
                // Two handshakes side by side: a session is ready in the time of one.
                var sftp = PerHost.Dedicated(files.Connect);
                try { shell.Connect(); }
                finally { ((IAsyncResult)sftp).AsyncWaitHandle.WaitOne(); }
                sftp.GetAwaiter().GetResult();
                return new SshConnection(options, shell, files, fingerprint, newKey);
            }
            catch (Exception e) when (e is SshException || e is SocketException || e is TimeoutException)
            {
                shell.Dispose();
                files.Dispose();
                if (refused != null) throw refused;
                throw Refusal(options, e);
            }
        }

        private static PrivateKeyFile LoadKey(SshOptions options)
        {
            if (options.KeyFilePath == null && options.KeyText == null) return null;
            var which = options.KeyText != null ? "given with -Key" : $"'{options.KeyFilePath}'";
            if (options.KeyText == null && !File.Exists(options.KeyFilePath))
                throw new FileNotFoundException(Directory.Exists(options.KeyFilePath)
                    ? $"The key file {which} is a folder, not a file. Give the private key's file; nothing was connected."
                    : $"The key file {which} does not exist on this machine. Check -KeyFilePath; nothing was connected.", options.KeyFilePath);
            // A key from a vault stays in memory: never a file, not even a temporary one.
            var text = options.KeyText ?? File.ReadAllText(options.KeyFilePath);
            Exception last = null;
            foreach (var (_, form) in PrivateKeyForms.Of(text))
            {
                try
                {
                    using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(form)))
                        return new PrivateKeyFile(stream, options.KeyPassphrase);
                }
                catch (Exception e) when (e is SshException || e is System.Security.Cryptography.CryptographicException ||
                                          e is InvalidOperationException || e is IOException || e is ArgumentException ||
                                          e is FormatException || e is NotSupportedException)
                {
                    last = e;
                    // The key was read: it is encrypted and no passphrase, or not this one, opens it.
                    if (e is SshPassPhraseNullOrEmptyException) break;
                }
            }
            throw new SshConnectException(true, $"The key {which} cannot be used: {WhyNot(text, options.KeyPassphrase, last)}. " +
                "Nothing was connected.", last);
        }

        /// <summary>Says "passphrase" only where one can be wrong or is missing: an encrypted key.</summary>
        private static string WhyNot(string text, string passphrase, Exception last)
        {
            if (last is SshPassPhraseNullOrEmptyException || (PrivateKeyForms.IsEncrypted(text) && string.IsNullOrEmpty(passphrase)))
                return "it is encrypted: give -KeyPassphrase";
            if (PrivateKeyForms.IsEncrypted(text))
                return "it is encrypted, and -KeyPassphrase does not open it (" + last?.Message + ")";
            return "it is not an OpenSSH or PEM private key that can be read (tried " + PrivateKeyForms.Tried(text) + ": " +
                last?.Message + ")" + (string.IsNullOrEmpty(passphrase) ? "" : "; it is not encrypted, so -KeyPassphrase is not the cause");
        }

        /// <summary>Authentication methods keep per-login state: each connection gets its own.</summary>
        private static ConnectionInfo Login(SshOptions options, PrivateKeyFile key)
        {
            var methods = new List<AuthenticationMethod>();
            if (key != null) methods.Add(new PrivateKeyAuthenticationMethod(options.UserName, key));
            if (options.Password != null) methods.Add(new PasswordAuthenticationMethod(options.UserName, options.Password));
            var info = new ConnectionInfo(options.HostName, options.Port, options.UserName,
                methods.ToArray()) { Timeout = options.ConnectTimeout };
            PreferKnownKeyTypes(info, options);
            return info;
        }

        /// <summary>
        /// As ssh does: the host-key algorithms of the keys known_hosts holds for this host go first,
        /// so a host known by its ECDSA or RSA key presents that key, not an ed25519 one it was never
        /// known by. An RSA key signs with rsa-sha2-512 or rsa-sha2-256 (ssh-rsa's SHA-1 last).
        /// </summary>
        private static void PreferKnownKeyTypes(ConnectionInfo info, SshOptions options)
        {
            if (options.PinnedFingerprint != null || options.KnownHostsPath == null || !File.Exists(options.KnownHostsPath)) return;
            var known = KnownHosts.KeyTypesFor(File.ReadAllLines(options.KnownHostsPath), options.HostName, options.Port);
            var first = known.SelectMany(type => type == "ssh-rsa" ? new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" } : new[] { type });
            var at = 0;
            foreach (var algorithm in first.ToList())
            {
                if (!info.HostKeyAlgorithms.TryGetValue(algorithm, out var make)) continue;
                info.HostKeyAlgorithms.Remove(algorithm);
                info.HostKeyAlgorithms.Insert(at++, algorithm, make);
            }
        }

        private static SshConnectException Refusal(SshOptions options, Exception e)
        {
            var where = $"{options.UserName}@{options.HostName}:{options.Port}";
            return e is SshAuthenticationException
                ? new SshConnectException(true, $"{where} refused the login: {e.Message} Check -UserName and the key or password; " +
                    "nothing was changed.", e)
                : new SshConnectException(false,
                    $"Cannot connect to {where}: {e.Message} Check -HostName and -Port, and that sshd runs there; nothing was changed.", e);
        }
    }
}
