using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>How to reach a machine over SSH and how to decide whether to trust it.</summary>
    public sealed class SshOptions
    {
        public string HostName { get; set; }
        public int Port { get; set; } = 22;
        public string UserName { get; set; }
        public string Password { get; set; }
        public string KeyFilePath { get; set; }
        public string KeyPassphrase { get; set; }
        public string KnownHostsPath { get; set; }

        /// <summary>OpenSSH's notation, SHA256:...; when given, known_hosts is not consulted.</summary>
        public string PinnedFingerprint { get; set; }

        public bool AcceptNewHostKey { get; set; }

        /// <summary>Do the privileged steps (writing /etc/nginx and /etc/hosts, reloading NGINX) through <c>sudo -n</c>.</summary>
        public bool UseSudo { get; set; }

        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The same settings for another machine.</summary>
        public SshOptions For(string hostName)
        {
            var copy = (SshOptions)MemberwiseClone();
            copy.HostName = hostName;
            return copy;
        }
    }

    /// <summary>Why a connection could not be made (an SSH.NET type never leaves the engine).</summary>
    public sealed class SshConnectException : Exception
    {
        public SshConnectException(bool authentication, string message, Exception inner) : base(message, inner)
        {
            Authentication = authentication;
        }

        public bool Authentication { get; }
    }

    /// <summary>
    /// A machine reached over SSH: files through SFTP (writes to a temporary name, then a POSIX
    /// rename, so a dropped connection never leaves half a file), commands through exec, built
    /// from argument lists and bounded by a remote <c>timeout</c> so they cannot outlive a caller
    /// who gave up on them. SSH.NET gives SFTP and exec each their own connection.
    /// With <see cref="SshOptions.UseSudo"/>, <see cref="ForPrivilegedSteps"/> gives a view of the
    /// same connections that runs commands and writes files as root, through <c>sudo -n</c>.
    /// </summary>
    public sealed class SshHost : IHost, IDisposable
    {
        private static readonly object KnownHostsGate = new object();
        private readonly SshClient _shell;
        private readonly SftpClient _files;
        private readonly bool _asRoot;
        private bool _closed;

        private SshHost(SshOptions options, SshClient shell, SftpClient files, string fingerprint)
        {
            Options = options;
            _shell = shell;
            _files = files;
            HostKeyFingerprint = fingerprint;
        }

        private SshHost(SshHost user) : this(user.Options, user._shell, user._files, user.HostKeyFingerprint)
        {
            _asRoot = true;
        }

        /// <summary>
        /// The host for the steps that need root: through sudo when the session asked for it, else
        /// as the connected user (who then needs the rights, and is told so when refused).
        /// </summary>
        public IHost ForPrivilegedSteps() => Options.UseSudo && !_asRoot ? new SshHost(this) : this;

        public SshOptions Options { get; }
        public string HostKeyFingerprint { get; }
        public string Name => Options.Port == 22 ? Options.HostName : Options.HostName + ":" + Options.Port.ToString(CultureInfo.InvariantCulture);
        public bool IsConnected => !_closed && _shell.IsConnected && _files.IsConnected;

        public static SshHost Connect(SshOptions options)
        {
            PrivateKeyFile key = null;
            try
            {
                if (options.KeyFilePath != null) key = new PrivateKeyFile(options.KeyFilePath, options.KeyPassphrase);
            }
            catch (Exception e) when (e is SshException || e is System.Security.Cryptography.CryptographicException || e is InvalidOperationException || e is IOException)
            {
                var why = e is SshPassPhraseNullOrEmptyException ? "it is encrypted: give -KeyPassphrase" : $"{e.Message} (a wrong -KeyPassphrase, or not an OpenSSH or PEM private key)";
                throw new SshConnectException(true, $"The key '{options.KeyFilePath}' cannot be used: {why}. Nothing was connected.", e);
            }
            if (key == null && options.Password == null) throw new ArgumentException("Give -KeyFilePath or -Credential to log in with. Nothing was connected.");

            // Authentication methods keep per-login state: the two connections each get their own.
            ConnectionInfo Login()
            {
                var methods = new List<AuthenticationMethod>();
                if (key != null) methods.Add(new PrivateKeyAuthenticationMethod(options.UserName, key));
                if (options.Password != null) methods.Add(new PasswordAuthenticationMethod(options.UserName, options.Password));
                return new ConnectionInfo(options.HostName, options.Port, options.UserName, methods.ToArray()) { Timeout = options.ConnectTimeout };
            }

            HostKeyException refused = null;
            string fingerprint = null;
            void Verify(object sender, HostKeyEventArgs key)
            {
                fingerprint = "SHA256:" + key.FingerPrintSHA256;
                refused = Trust(options, key.HostKeyName, key.HostKey, fingerprint);
                key.CanTrust = refused == null;
            }

            var shell = new SshClient(Login());
            var files = new SftpClient(Login()) { OperationTimeout = TimeSpan.FromMinutes(5) };
            shell.HostKeyReceived += Verify;
            files.HostKeyReceived += Verify;
            try
            {
                // Two handshakes side by side: a session is ready in the time of one.
                var sftp = PerHost.Dedicated(files.Connect);
                try { shell.Connect(); }
                finally { ((IAsyncResult)sftp).AsyncWaitHandle.WaitOne(); }
                sftp.GetAwaiter().GetResult();
                return new SshHost(options, shell, files, fingerprint);
            }
            catch (Exception e) when (e is SshException || e is SocketException || e is TimeoutException)
            {
                shell.Dispose();
                files.Dispose();
                if (refused != null) throw refused;
                var where = $"{options.UserName}@{options.HostName}:{options.Port}";
                if (e is SshAuthenticationException)
                    throw new SshConnectException(true, $"{where} refused the login: {e.Message} Check -UserName and the key or password; nothing was changed.", e);
                throw new SshConnectException(false, $"Cannot connect to {where}: {e.Message} Check -HostName and -Port, and that sshd runs there; nothing was changed.", e);
            }
        }

        /// <summary>Null when the key is trusted; otherwise the refusal, with the fingerprint and what to do.</summary>
        private static HostKeyException Trust(SshOptions options, string keyType, byte[] key, string fingerprint)
        {
            var host = options.HostName;
            if (options.PinnedFingerprint != null)
            {
                return string.Equals(options.PinnedFingerprint.TrimEnd('='), fingerprint, StringComparison.Ordinal) ? null
                    : new HostKeyException(HostKeyProblem.NotPinned, host, fingerprint,
                        $"{host} presented the {keyType} key {fingerprint}, not the pinned {options.PinnedFingerprint}. Nothing was connected; check with the machine's owner which key is right.");
            }

            var path = options.KnownHostsPath;
            // Sessions to several machines connect at once: read, decide and record one at a time.
            lock (KnownHostsGate)
            {
                var lines = File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
                switch (KnownHosts.Check(lines, host, options.Port, keyType, key))
                {
                    case KnownHostVerdict.Trusted:
                        return null;
                    case KnownHostVerdict.Changed:
                        return new HostKeyException(HostKeyProblem.Changed, host, fingerprint,
                            $"The host key of {host}:{options.Port} has CHANGED: it now presents the {keyType} key {fingerprint}, which is not the one in {path}. " +
                            "This can mean someone is in the middle. Nothing was connected. If the machine was rebuilt, remove its old line (ssh-keygen -R) and connect again.");
                    case KnownHostVerdict.Revoked:
                        return new HostKeyException(HostKeyProblem.Revoked, host, fingerprint, $"{host}:{options.Port} presented the {keyType} key {fingerprint}, which {path} marks @revoked. Nothing was connected.");
                    default:
                        if (options.AcceptNewHostKey)
                        {
                            KnownHosts.Add(path, host, options.Port, keyType, key);
                            return null;
                        }
                        return new HostKeyException(HostKeyProblem.Unknown, host, fingerprint,
                            $"{host}:{options.Port} is not in {path}; it presents the {keyType} key {fingerprint}. Check that fingerprint with the machine's owner, " +
                            "then connect with -HostKeyFingerprint '" + fingerprint + "' or with -AcceptNewHostKey (which records it). Nothing was connected.");
                }
            }
        }

        public string Combine(params string[] parts) =>
            string.Join("/", parts.Select((p, i) => i == 0 ? p.TrimEnd('/') : p.Trim('/')).Where(p => p.Length > 0).DefaultIfEmpty("/"));

        public (string Parent, string Leaf) SplitPath(string path)
        {
            var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
            var slash = trimmed.LastIndexOf('/');
            return slash <= 0 ? ("/", trimmed.TrimStart('/')) : (trimmed.Substring(0, slash), trimmed.Substring(slash + 1));
        }

        public bool FileExists(string path) => _files.Exists(path) && _files.GetAttributes(path).IsRegularFile;
        public bool DirectoryExists(string path) => _files.Exists(path) && _files.GetAttributes(path).IsDirectory;
        public bool DirectoryHasEntries(string path) => DirectoryExists(path) && _files.ListDirectory(path).Any(f => f.Name != "." && f.Name != "..");
        public long FileLength(string path) => FileExists(path) ? _files.GetAttributes(path).Size : -1;
        public void DeleteFile(string path)
        {
            if (_asRoot) Check(Run("rm", new[] { "-f", "--", path }, TimeSpan.FromMinutes(1)), "remove " + path);
            else _files.DeleteFile(path);
        }

        public byte[] ReadAllBytes(string path) => ReadFrom(path, 0);

        public byte[] ReadFrom(string path, long offset)
        {
            try
            {
                return ReadOverSftp(path, offset);
            }
            catch (SftpPathNotFoundException e)
            {
                throw new FileNotFoundException($"'{path}' does not exist on {Name}.", path, e);
            }
            catch (SftpPermissionDeniedException e) when (!_asRoot)
            {
                throw Denied("read", path, e);
            }
            catch (SftpPermissionDeniedException)
            {
                // An NGINX error log is often root's alone (root:adm 0640).
                if (offset > FileLength(path)) offset = 0;
                var tail = Run("tail", new[] { "-c", "+" + (offset + 1).ToString(CultureInfo.InvariantCulture), "--", path }, TimeSpan.FromMinutes(5));
                Check(tail, "read " + path);
                return System.Text.Encoding.UTF8.GetBytes(tail.Output);
            }
        }

        private byte[] ReadOverSftp(string path, long offset)
        {
            using (var stream = _files.OpenRead(path))
            using (var copy = new MemoryStream())
            {
                if (offset > stream.Length) offset = 0;
                stream.Seek(offset, SeekOrigin.Begin);
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        public IReadOnlyList<string> ListFiles(string directory) =>
            DirectoryExists(directory) ? _files.ListDirectory(directory).Where(f => f.IsRegularFile).Select(f => f.Name).ToList() : new List<string>();

        public void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup)
        {
            string temp = null;
            try
            {
                temp = TempBeside(path);
                if (_asRoot) WriteAsRoot(path, temp, content, keepBackup);
                else WriteAsUser(path, temp, content, keepBackup);
            }
            catch (SftpPermissionDeniedException e)
            {
                throw Denied("write", path, e);
            }
            finally
            {
                if (temp != null && _files.IsConnected && _files.Exists(temp)) DeleteFile(temp);
            }
        }

        private void WriteAsUser(string path, string temp, byte[] content, bool keepBackup)
        {
            using (var stream = new MemoryStream(content)) _files.UploadFile(stream, temp);
            if (FileExists(path))
            {
                _files.ChangePermissions(temp, OctalDigits(_files.GetAttributes(path)));
                if (keepBackup) Check(Run("cp", new[] { "-p", "--", path, path + ".bak" }, TimeSpan.FromMinutes(1)), "keep a backup of " + path);
            }
            _files.RenameFile(temp, path, isPosix: true);
        }

        /// <summary>
        /// SFTP writes as the user, so the content goes to a private folder of the user's first;
        /// root then copies it beside the target, gives it the target's mode and owner, and renames.
        /// </summary>
        private void WriteAsRoot(string path, string temp, byte[] content, bool keepBackup)
        {
            var minute = TimeSpan.FromMinutes(1);
            var staging = RunCommand("mktemp", new[] { "-d" }, minute, asRoot: false);
            Check(staging, "make a private folder for the upload");
            var staged = Combine(staging.Output.Trim(), "content");
            try
            {
                using (var stream = new MemoryStream(content)) _files.UploadFile(stream, staged);
                Check(Run("cp", new[] { "--", staged, temp }, minute), "copy the new content beside " + path);
                if (FileExists(path))
                {
                    Check(Run("chmod", new[] { "--reference=" + path, "--", temp }, minute), "give the new " + path + " the old one's mode");
                    Check(Run("chown", new[] { "--reference=" + path, "--", temp }, minute), "give the new " + path + " the old one's owner");
                    if (keepBackup) Check(Run("cp", new[] { "-p", "--", path, path + ".bak" }, minute), "keep a backup of " + path);
                }
                else Check(Run("chmod", new[] { "644", "--", temp }, minute), "make " + path + " readable");
                Check(Run("mv", new[] { "-f", "--", temp, path }, minute), "put " + path + " in place");
            }
            finally
            {
                if (_shell.IsConnected) RunCommand("rm", new[] { "-rf", "--", staging.Output.Trim() }, minute, asRoot: false);
            }
        }

        private UnauthorizedAccessException Denied(string verb, string path, Exception e) => new UnauthorizedAccessException(
            $"{Options.UserName} may not {verb} '{path}' on {Name} ({e.Message}). Connect with New-IsSshSession -UseSudo (for a user with password-less sudo), " +
            $"or as a user who may {verb} it; the file was not changed.", e);

        /// <summary>A temporary name beside the file; a connection that dropped mid-upload could not remove its own, so this clears them first.</summary>
        private string TempBeside(string path)
        {
            var (parent, leaf) = SplitPath(path);
            var leftover = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape("." + leaf + ".") + "[0-9a-f]{8}\\.tmp$");
            foreach (var stale in ListFiles(parent).Where(f => leftover.IsMatch(f))) DeleteFile(Combine(parent, stale));
            return Combine(parent, "." + leaf + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        }

        public void UploadFile(string localPath, string destination) =>
            WriteAllBytesAtomically(destination, File.ReadAllBytes(localPath), keepBackup: false);

        public void CreateDirectory(string path) => Check(Run("mkdir", new[] { "-p", "--", path }, TimeSpan.FromMinutes(1)), "create " + path);
        public void MoveDirectory(string from, string to)
        {
            if (_asRoot) Check(Run("mv", new[] { "--", from, to }, TimeSpan.FromMinutes(5)), "move " + from);
            else _files.RenameFile(from, to, isPosix: true);
        }
        public void DeleteTree(string path) => Check(Run("rm", new[] { "-rf", "--", path }, TimeSpan.FromMinutes(10)), "remove " + path);

        /// <summary>
        /// Uploads the zip once, unpacks it there with unzip (which keeps the modes), and moves
        /// IS_HOME into place; a machine without unzip gets the pack streamed into tar instead.
        /// </summary>
        public void UnpackZip(string localZipPath, string entryPrefix, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            if (!Has("unzip"))
            {
                StreamIntoTar(localZipPath, entryPrefix, destination, progress, cancel);
                return;
            }
            var remoteZip = Combine("/tmp", "wsoclusterps-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                Upload(localZipPath, remoteZip, progress, cancel);
                UnpackZipOnHost(remoteZip, entryPrefix, destination, cancel);
            }
            finally
            {
                Run("rm", new[] { "-f", "--", remoteZip }, TimeSpan.FromMinutes(1));
            }
        }

        // dash's "command -v" exits 127 for a missing program, which Run reads as sh missing.
        private bool Has(string program) =>
            RunCommand("sh", new[] { "-c", "command -v \"$1\" >/dev/null || exit 1", "sh", program }, TimeSpan.FromSeconds(30), asRoot: false).Succeeded;

        /// <summary>
        /// Sends the pack's entries as one tar stream into <c>tar -x</c> there: one pass, no zip
        /// left on the machine, modes kept (-p) and the files the user's (--no-same-owner).
        /// </summary>
        private void StreamIntoTar(string localZipPath, string entryPrefix, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var unpacked = destination + ".unzip";
            try
            {
                Check(Run("mkdir", new[] { "-p", "--", unpacked }, TimeSpan.FromMinutes(1)), "create " + unpacked);
                using (var zip = System.IO.Compression.ZipFile.OpenRead(localZipPath))
                using (var command = _shell.CreateCommand(PosixShell.Command("timeout", new[] { "3600", "tar", "-x", "-p", "--no-same-owner", "-f", "-", "-C", unpacked })))
                {
                    var entries = ZipTree.Under(zip, entryPrefix).ToList();
                    long total = entries.Sum(e => e.Length), sent = 0;
                    var running = command.ExecuteAsync(CancellationToken.None);
                    var writing = PerHost.Dedicated(() =>
                    {
                        using (var input = command.CreateInputStream())
                        using (var tar = new TarStream(input))
                        {
                            foreach (var entry in entries)
                            {
                                if (cancel.IsCancellationRequested) break;
                                if (entry.IsDirectory) tar.AddDirectory(entry.RelativePath, entry.Mode == 0 ? DefaultDirectoryMode : entry.Mode, entry.Modified);
                                else
                                    using (var content = zip.Entries[entry.Index].Open())
                                        tar.AddFile(entry.RelativePath, entry.Mode == 0 ? DefaultFileMode : entry.Mode, entry.Modified, entry.Length, content, n => Interlocked.Add(ref sent, n));
                            }
                        }
                    });
                    // The writer stops between entries; a tar that stopped reading would hold it, so end that too.
                    Follow(writing, () => Interlocked.Read(ref sent), total, progress, cancel, () => command.CancelAsync(forceKill: true));
                    // The writer closed tar's input however it ended, so tar has ended too.
                    running.GetAwaiter().GetResult();
                    if (command.ExitStatus != 0 || writing.IsFaulted)
                    {
                        var sending = writing.IsFaulted ? " Sending stopped: " + writing.Exception.GetBaseException().Message : string.Empty;
                        throw new IOException($"tar on {Name} could not unpack the pack: {command.Error.Trim()} (exit code {command.ExitStatus}).{sending} Nothing was left in {destination}.");
                    }
                    progress?.Invoke(new TransferProgress(total, total, 1, 1));
                }
                Check(Run("mv", new[] { "--", unpacked, destination }, TimeSpan.FromMinutes(5)), "move the unpacked pack into place");
            }
            finally
            {
                if (_shell.IsConnected) Run("rm", new[] { "-rf", "--", unpacked }, TimeSpan.FromMinutes(10));
            }
        }

        public void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel)
        {
            var unpacked = destination + ".unzip";
            try
            {
                cancel.ThrowIfCancellationRequested();
                Check(Unzip(cancel, "-q", "-o", zipPath, "-d", unpacked), "unpack the pack");
                var root = entryPrefix.Length == 0 ? unpacked : Combine(unpacked, entryPrefix.TrimEnd('/'));
                Check(Run("mv", new[] { "--", root, destination }, TimeSpan.FromMinutes(5)), "move the unpacked pack into place");
            }
            finally
            {
                Run("rm", new[] { "-rf", "--", unpacked }, TimeSpan.FromMinutes(10));
            }
        }

        public void CopyTreeOnHost(string source, string destination, CancellationToken cancel) =>
            Check(Run("cp", new[] { "-a", "--", source, destination }, TimeSpan.FromMinutes(30), cancel), "copy the pack");

        public IReadOnlyList<string> ZipEntries(string zipPath)
        {
            var listing = Unzip(CancellationToken.None, "-Z1", zipPath);
            if (!listing.Succeeded) throw new InvalidDataException($"'{zipPath}' on {Name} is not a readable zip: {listing.Combined}");
            return listing.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        }

        private CommandResult Unzip(CancellationToken cancel, params string[] arguments)
        {
            try
            {
                return Run("unzip", arguments, TimeSpan.FromMinutes(30), cancel);
            }
            catch (FileNotFoundException e)
            {
                throw new FileNotFoundException($"unzip is not installed on {Name}, so a zip already there cannot be unpacked. Install it there (apt-get install -y unzip), " +
                                                "or give the pack from this machine with -PackPath, which is streamed without it; nothing was created.", "unzip", e);
            }
        }

        public void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var source = Path.GetFullPath(localSource);
            var files = new DirectoryInfo(source).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            var directories = new[] { source }.Concat(new DirectoryInfo(source).EnumerateDirectories("*", SearchOption.AllDirectories).Select(d => d.FullName)).ToList();
            string Remote(string local) => Combine(new[] { destination }.Concat(local.Substring(source.Length).Split(Path.DirectorySeparatorChar).Where(p => p.Length > 0)).ToArray());
            Check(Run("mkdir", new[] { "-p", "--" }.Concat(directories.Select(Remote)).ToArray(), TimeSpan.FromMinutes(5)), "create the node's folders");
            long total = files.Sum(f => f.Length), done = 0;
            var count = 0;
            foreach (var file in files)
            {
                cancel.ThrowIfCancellationRequested();
                using (var stream = file.OpenRead()) _files.UploadFile(stream, Remote(file.FullName));
                _files.ChangePermissions(Remote(file.FullName), OctalDigits(UnixModeOf(file.FullName)));
                done += file.Length;
                progress?.Invoke(new TransferProgress(done, total, ++count, files.Count));
            }
        }

        /// <summary>A local port forward over the exec connection, on a free loopback port of this machine.</summary>
        public Tunnel OpenTunnel(string host, int port)
        {
            var forward = new ForwardedPortLocal("127.0.0.1", 0, host, (uint)port);
            _shell.AddForwardedPort(forward);
            forward.Start();
            return new Tunnel("127.0.0.1", (int)forward.BoundPort, $" (through SSH to {Name})", () =>
            {
                forward.Stop();
                _shell.RemoveForwardedPort(forward);
                forward.Dispose();
            });
        }

        public string PrimaryAddress()
        {
            var result = Run("hostname", new[] { "-I" }, TimeSpan.FromSeconds(30));
            return result.Output.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries)
                       .FirstOrDefault(a => System.Net.IPAddress.TryParse(a, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork)
                   ?? Options.HostName;
        }

        public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default) =>
            RunCommand(file, arguments, timeout, _asRoot, cancel);

        private CommandResult RunCommand(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asRoot, CancellationToken cancel = default)
        {
            // The server keeps running a command whose client gave up; timeout(1) ends it there.
            var seconds = ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var program = asRoot ? Sudo.Wrap(file, arguments) : new[] { file }.Concat(arguments);
            var text = PosixShell.Command("timeout", new[] { seconds }.Concat(program));
            // sshd ignores SSH's "signal" request, so a command that may be stopped records its
            // process id, for a kill sent over a second channel.
            var pidFile = cancel.CanBeCanceled ? "/tmp/.wsoclusterps-" + Guid.NewGuid().ToString("N") + ".pid" : null;
            if (pidFile != null)
                text = $"{text} </dev/null & echo $! >{PosixShell.Quote(pidFile)}; wait $!; status=$?; rm -f {PosixShell.Quote(pidFile)}; exit $status";
            using (var command = _shell.CreateCommand(text))
            {
                command.CommandTimeout = timeout + TimeSpan.FromSeconds(10);
                var running = command.ExecuteAsync(CancellationToken.None);
                while (Task.WaitAny(new Task[] { running }, 250) < 0)
                {
                    if (!cancel.IsCancellationRequested) continue;
                    var kill = "kill -TERM \"$(cat " + PosixShell.Quote(pidFile) + ")\"";
                    using (var stop = _shell.CreateCommand(kill)) stop.Execute();
                    Task.WaitAny(new Task[] { running }, TimeSpan.FromSeconds(10));
                    throw new OperationCanceledException($"'{file}' on {Name} was stopped.", cancel);
                }
                running.GetAwaiter().GetResult();
                var exit = command.ExitStatus ?? -1;
                if (exit == 124) throw new TimeoutException($"'{file} {string.Join(" ", arguments)}' on {Name} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
                if (asRoot) Sudo.ThrowIfRefused(file, Name, Options.UserName, exit, command.Error);
                if (exit == 126 || exit == 127) throw CommandResult.CannotRun(file, Name, command.Error.Trim());
                return new CommandResult(exit, command.Result, command.Error);
            }
        }

        public void Dispose()
        {
            // The root view shares the user's connections; the session closes them.
            if (_asRoot) return;
            _closed = true;
            _shell.Dispose();
            _files.Dispose();
        }

        /// <summary>SFTP upload on a worker thread, progress reported on the calling thread (PowerShell's).</summary>
        private void Upload(string localPath, string remotePath, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var total = new FileInfo(localPath).Length;
            long sent = 0;
            var upload = PerHost.Dedicated(() =>
            {
                using (var stream = File.OpenRead(localPath)) _files.UploadFile(stream, remotePath, bytes => Interlocked.Exchange(ref sent, (long)bytes));
            });
            // Closing the channel is the only way to stop an SFTP upload midway.
            Follow(upload, () => Interlocked.Read(ref sent), total, progress, cancel, _files.Disconnect);
            upload.GetAwaiter().GetResult();
            progress?.Invoke(new TransferProgress(total, total, 1, 1));
        }

        /// <summary>
        /// Waits for a transfer running on its own thread and reports its bytes on this one
        /// (PowerShell's) four times a second. On cancel it calls <paramref name="stop"/> once, gives
        /// the transfer a few seconds to end, and throws. A failed transfer is left to its caller.
        /// </summary>
        private static void Follow(Task transfer, Func<long> sent, long total, Action<TransferProgress> progress, CancellationToken cancel, Action stop)
        {
            DateTime? giveUp = null;
            while (Task.WaitAny(new[] { transfer }, 250) < 0 && (giveUp == null || DateTime.UtcNow < giveUp))
            {
                progress?.Invoke(new TransferProgress(sent(), total, 0, 1));
                if (!cancel.IsCancellationRequested || giveUp != null) continue;
                stop();
                giveUp = DateTime.UtcNow.AddSeconds(10);
            }
            cancel.ThrowIfCancellationRequested();
        }

        private static void Check(CommandResult result, string what)
        {
            if (!result.Succeeded) throw new IOException($"Could not {what}: {result.Combined} (exit code {result.ExitCode}).");
        }

        /// <summary>SSH.NET reads the decimal digits of the number as octal: 644 means rw-r--r--.</summary>
        private static short OctalDigits(Renci.SshNet.Sftp.SftpFileAttributes attributes) =>
            OctalDigits((attributes.OwnerCanRead ? 256 : 0) | (attributes.OwnerCanWrite ? 128 : 0) | (attributes.OwnerCanExecute ? 64 : 0) |
                        (attributes.GroupCanRead ? 32 : 0) | (attributes.GroupCanWrite ? 16 : 0) | (attributes.GroupCanExecute ? 8 : 0) |
                        (attributes.OthersCanRead ? 4 : 0) | (attributes.OthersCanWrite ? 2 : 0) | (attributes.OthersCanExecute ? 1 : 0));

        private static short OctalDigits(int mode) => short.Parse(Convert.ToString(mode & 0x1FF, 8), CultureInfo.InvariantCulture);

        private static readonly int DefaultFileMode = Convert.ToInt32("644", 8);
        private static readonly int DefaultDirectoryMode = Convert.ToInt32("755", 8);

        private static int UnixModeOf(string path) => UnixMode.Get(path) is int mode && mode != 0 ? mode : DefaultFileMode;
    }
}
