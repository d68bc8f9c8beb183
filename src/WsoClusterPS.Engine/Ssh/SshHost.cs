using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using Renci.SshNet;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// A machine reached over SSH: one session's connections (<see cref="SshConnection"/>), with
    /// commands, files and unpacking each in a part of their own. With
    /// <see cref="SshOptions.UseSudo"/>, <see cref="ForPrivilegedSteps"/> gives a view of the same
    /// connections that runs commands and writes files as root, through <c>sudo -n</c>.
    /// </summary>
    public sealed class SshHost : IHost, IDisposable
    {
        private readonly SshConnection _link;
        private readonly SshCommands _commands;
        private readonly SshFiles _files;
        private readonly SshUnpack _unpack;

        private SshHost(SshConnection link, bool asRoot)
        {
            _link = link;
            _commands = new SshCommands(link, asRoot);
            _files = new SshFiles(link, _commands);
            _unpack = new SshUnpack(link, _commands, _files);
        }

        public static SshHost Connect(SshOptions options) => new SshHost(SshConnector.Connect(options), asRoot: false);

        public SshOptions Options => _link.Options;
        public string HostKeyFingerprint => _link.HostKeyFingerprint;

        /// <summary>The host key was accepted as new and is not in known_hosts yet: <see cref="RecordHostKey"/> adds it.</summary>
        public bool HostKeyIsNew => _link.UnrecordedHostKey != null;

        /// <summary>The key type of a new host key, for the question whether to record it.</summary>
        public string NewHostKeyType => _link.UnrecordedHostKey == null ? null : KnownHosts.KeyTypeOf(_link.UnrecordedHostKey);

        public void RecordHostKey() => _link.RecordHostKey();
        public string Name => _link.Name;
        public bool IsConnected => _link.IsConnected;

        /// <summary>
        /// The host for the steps that need root: through sudo when the session asked for it, else
        /// as the connected user (who then needs the rights, and is told so when refused).
        /// </summary>
        public IHost ForPrivilegedSteps() => Options.UseSudo && !_commands.AsRoot ? new SshHost(_link, asRoot: true) : this;

        public string Combine(params string[] parts) => PosixPath.Combine(parts);
        public (string Parent, string Leaf) SplitPath(string path) => PosixPath.Split(path);

        public bool FileExists(string path) => _files.FileExists(path);
        public bool DirectoryExists(string path) => _files.DirectoryExists(path);
        public bool DirectoryHasEntries(string path) => _files.DirectoryHasEntries(path);
        public long FileLength(string path) => _files.FileLength(path);
        public DateTime? LastWriteTimeUtc(string path) => _files.LastWriteTimeUtc(path);
        public int Permissions(string path) => _files.Permissions(path);
        public byte[] ReadAllBytes(string path) => _files.ReadFrom(path, 0);
        public byte[] ReadFrom(string path, long offset) => _files.ReadFrom(path, offset);

        /// <summary>
        /// Small files (a few drivers) are read over the open SFTP channel and hashed here: a command
        /// costs a new process and the user's shell start-up on the host (seen: a second, where
        /// .bashrc initialises pyenv). Large ones are hashed there, with one sha256sum for all;
        /// where the host has none, they are read after all.
        /// </summary>
        public IReadOnlyList<string> Sha256(IReadOnlyList<string> paths)
        {
            if (paths.Count == 0) return new string[0];
            if (paths.Sum(p => Math.Max(0, FileLength(p))) > HashedHereUpTo)
            {
                // Within a minute: a longer command gets a watcher process.
                var result = _commands.Run("sha256sum", new[] { "-z", "--" }.Concat(paths).ToList(), TimeSpan.FromMinutes(1));
                var hashes = result.Succeeded ? result.Output.Split('\0').Where(l => l.Length >= 64).Select(l => l.Substring(0, 64)).ToList()
                    : null;
                if (hashes != null && hashes.Count == paths.Count) return hashes;
            }
            return paths.Select(p => FileSha256.Of(ReadAllBytes(p))).ToList();
        }

        private const long HashedHereUpTo = 8 * 1024 * 1024;

        public IReadOnlyList<string> ListFiles(string directory) => _files.ListFiles(directory);
        public IReadOnlyList<string> ListDirectories(string directory) => _files.ListDirectories(directory);
        public void DeleteFile(string path) => _files.DeleteFile(path);
        public void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly = false,
            bool holdsSecret = false) => _files.WriteAllBytesAtomically(path, content, keepBackup, replaceReadOnly, holdsSecret);

        public Hosts.FileLease Lock(string path, Hosts.LockWait wait) => _files.Lock(path, wait);
        // Asked over SFTP first: a command costs the host's login shell start (a second where a .bashrc runs pyenv or conda).
        public void CreateDirectory(string path)
        {
            if (!_files.DirectoryExists(path)) _commands.Check("create " + path, "mkdir", "-p", "--", path);
        }

        public void MoveDirectory(string from, string to) => _files.MoveDirectory(from, to);

        public void DeleteTree(string path)
        {
            if (!_files.NothingAt(path)) _commands.Check("remove " + path, "rm", "-rf", "--", path);
        }

        public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default) =>
            _commands.Run(file, arguments, timeout, cancel);

        public void UnpackZip(SharedZip zip, string destination, Action<TransferProgress> progress, CancellationToken cancel) =>
            _unpack.UnpackZip(zip, this, destination, progress, cancel);

        public void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel) =>
            _unpack.UnpackZipOnHost(zipPath, entryPrefix, destination, cancel);

        public void CopyTreeOnHost(string source, string destination, CancellationToken cancel) => _unpack.CopyTreeOnHost(source,
            destination, cancel);
        public IReadOnlyList<string> ZipEntries(string zipPath) => _unpack.ZipEntries(zipPath);

        public void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel) =>
            CopyTree(FolderTree.Read(localSource), destination, progress, cancel);

        /// <summary>A tree already read: the seam through which a test sends a pack read as Windows reads it.</summary>
        internal void CopyTree(FolderTree tree, string destination, Action<TransferProgress> progress, CancellationToken cancel) =>
            _unpack.CopyTree(tree, destination, progress, cancel);

        /// <summary>bash's /dev/tcp connects from the machine itself; a port that drops packets is given up on after seconds.</summary>
        public bool Answers(string address, int port)
        {
            var probe = new[] { "-c", "exec 3<>\"/dev/tcp/$0/$1\"", address,
                port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            try
            {
                return _commands.RunAsUser("bash", probe, TimeSpan.FromSeconds(5)).Succeeded;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        /// <summary>A local port forward over the exec connection, on a free loopback port of this machine.</summary>
        public Tunnel OpenTunnel(string host, int port)
        {
            var forward = new ForwardedPortLocal("127.0.0.1", 0, host, (uint)port);
            _link.Shell.AddForwardedPort(forward);
            forward.Start();
            return new Tunnel("127.0.0.1", (int)forward.BoundPort, $" (through SSH to {Name})", () =>
            {
                forward.Stop();
                _link.Shell.RemoveForwardedPort(forward);
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

        public void Dispose()
        {
            // The root view shares the user's connections; the session closes them.
            if (!_commands.AsRoot) _link.Dispose();
        }
    }
}
