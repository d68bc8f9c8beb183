using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>This machine.</summary>
    public sealed class LocalHost : IHost
    {
        public static LocalHost Instance { get; } = new LocalHost();

        private LocalHost()
        {
        }

        public string Name => "localhost";

        /// <summary>Here the module runs as whoever started PowerShell; a step that needs root needs an elevated PowerShell.</summary>
        public IHost ForPrivilegedSteps() => this;

        public string Combine(params string[] parts) => Path.Combine(parts);

        public (string Parent, string Leaf) SplitPath(string path)
        {
            var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            return (Path.GetDirectoryName(full), Path.GetFileName(full));
        }
        public bool FileExists(string path) => File.Exists(path);
        public bool DirectoryExists(string path) => Directory.Exists(path);
        public bool DirectoryHasEntries(string path) => Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();
        public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

        public IReadOnlyList<string> Sha256(IReadOnlyList<string> paths) => paths.Select(FileSha256.Of).ToList();
        public long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;
        public DateTime? LastWriteTimeUtc(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : (DateTime?)null;
        public int Permissions(string path) => UnixMode.Get(path) & 0xFFF;

        public byte[] ReadFrom(string path, long offset)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                if (offset > stream.Length) offset = 0; // the log was rotated or truncated meanwhile
                stream.Seek(offset, SeekOrigin.Begin);
                var bytes = new byte[stream.Length - offset];
                var read = 0;
                while (read < bytes.Length)
                {
                    var n = stream.Read(bytes, read, bytes.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                Array.Resize(ref bytes, read);
                return bytes;
            }
        }

        public void DeleteFile(string path) => File.Delete(path);

        public IReadOnlyList<string> ListDirectories(string directory) =>
            Directory.Exists(directory) ? Directory.GetDirectories(directory).Select(Path.GetFileName).ToList() : new List<string>();

        public IReadOnlyList<string> ListFiles(string directory) =>
            Directory.Exists(directory) ? Directory.GetFiles(directory).Select(Path.GetFileName).ToList() : new List<string>();

        public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default) =>
            LocalCommands.Run(file, arguments, timeout, cancel);

        public void UnpackZip(SharedZip zip, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            // This machine reads the zip itself, with a worker per core.
            zip.Leave(this);
            LocalTree.UnpackZip(zip.Path, zip.Prefix, destination, progress, cancel);
        }

        public void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel) =>
            LocalTree.CopyTree(localSource, destination, progress, cancel);

        public void CreateDirectory(string path) => Directory.CreateDirectory(path);
        public void MoveDirectory(string from, string to) => Directory.Move(from, to);

        public void DeleteTree(string path)
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }

        public void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly = false,
            bool holdsSecret = false) => LocalFiles.WriteAtomically(path, content, keepBackup, replaceReadOnly, holdsSecret);

        public FileLease Lock(string path, LockWait wait) => LocalFiles.Lock(path, wait);

        public void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel) =>
            LocalTree.UnpackZip(zipPath, entryPrefix, destination, null, cancel);

        public void CopyTreeOnHost(string source, string destination, CancellationToken cancel) => LocalTree.CopyTree(source, destination,
            null, cancel);

        public IReadOnlyList<string> ZipEntries(string zipPath)
        {
            using (var zip = ZipFile.OpenRead(zipPath)) return zip.Entries.Select(e => e.FullName).ToList();
        }

        public Tunnel OpenTunnel(string host, int port) => new Tunnel(host, port, string.Empty, null);

        public bool Answers(string address, int port)
        {
            try
            {
                using (var client = new TcpClient())
                    return client.ConnectAsync(address, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
            }
            catch (Exception e) when (e is SocketException || e is AggregateException)
            {
                return false;
            }
        }

        public string PrimaryAddress()
        {
            var address = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
            return address?.ToString() ?? "127.0.0.1";
        }
    }
}
