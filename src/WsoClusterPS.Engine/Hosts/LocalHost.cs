using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>This machine.</summary>
    public sealed class LocalHost : IHost
    {
        private const int CopyBuffer = 1 << 16;

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
        public long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;

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

        public IReadOnlyList<string> ListFiles(string directory) =>
            Directory.Exists(directory) ? Directory.GetFiles(directory).Select(Path.GetFileName).ToList() : new List<string>();

        public void UploadFile(string localPath, string destination) =>
            WriteAllBytesAtomically(destination, File.ReadAllBytes(localPath), keepBackup: false);

        public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
#if NET
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
#else
            start.Arguments = string.Join(" ", arguments.Select(WindowsArgument));
#endif
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw CommandResult.CannotRun(file, Name, e.Message, e);
            }
            using (process)
            {
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                var deadline = DateTime.UtcNow + timeout;
                while (!process.WaitForExit(250))
                {
                    var overdue = DateTime.UtcNow >= deadline;
                    if (!overdue && !cancel.IsCancellationRequested) continue;
                    try { process.Kill(); } catch (InvalidOperationException) { }
                    cancel.ThrowIfCancellationRequested();
                    throw new TimeoutException($"'{file} {string.Join(" ", arguments)}' on {Name} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
                }
                process.WaitForExit();
                return new CommandResult(process.ExitCode, output.Result, error.Result);
            }
        }

#if !NET
        /// <summary>Quotes one argument by the rules Windows programs parse their command line with.</summary>
        private static string WindowsArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0) return argument;
            var quoted = new System.Text.StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
                backslashes = 0;
            }
            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }
#endif
        public void CreateDirectory(string path) => Directory.CreateDirectory(path);
        public void MoveDirectory(string from, string to) => Directory.Move(from, to);

        public void DeleteTree(string path)
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }

        public void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup)
        {
            var full = Path.GetFullPath(path);
            var temp = Path.Combine(Path.GetDirectoryName(full), "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (File.Exists(full))
                {
                    UnixMode.Set(temp, UnixMode.Get(full));
                    if (keepBackup) File.Copy(full, full + ".bak", overwrite: true);
                }
#if NET
                File.Move(temp, full, overwrite: true);
#else
                if (File.Exists(full)) File.Replace(temp, full, null); else File.Move(temp, full);
#endif
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UnauthorizedAccessException(
                    $"You may not write '{full}' here ({e.Message}). Run PowerShell as a user who may (root, for /etc/hosts and /etc/nginx), " +
                    "or point the cmdlet at a copy; the file was not changed.", e);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        public void UnpackZip(string localZipPath, string entryPrefix, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var root = Path.GetFullPath(destination);
            var files = new List<(int Index, string Target, long Length, int Mode, DateTimeOffset Modified)>();
            var directories = new Dictionary<string, int>(StringComparer.Ordinal) { [root] = 0 };
            using (var zip = ZipFile.OpenRead(localZipPath))
            {
                foreach (var entry in ZipTree.Under(zip, entryPrefix))
                {
                    var target = InsideRoot(root, entry.RelativePath);
                    if (entry.IsDirectory)
                    {
                        directories[target] = entry.Mode;
                        continue;
                    }
                    files.Add((entry.Index, target, entry.Length, entry.Mode, entry.Modified));
                    AddParents(directories, root, target);
                }
            }

            foreach (var directory in directories.Keys.OrderBy(d => d.Length)) Directory.CreateDirectory(directory);

            // Each worker opens the zip on its own: a ZipArchive is not safe to share between threads.
            RunInParallel(files, f => f.Length, (bucket, report, stop) =>
            {
                using (var zip = ZipFile.OpenRead(localZipPath))
                {
                    foreach (var file in bucket)
                    {
                        stop.ThrowIfCancellationRequested();
                        using (var input = zip.Entries[file.Index].Open())
                        using (var output = new FileStream(file.Target, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBuffer))
                        {
                            input.CopyTo(output, CopyBuffer);
                        }
                        File.SetLastWriteTimeUtc(file.Target, file.Modified.UtcDateTime);
                        UnixMode.Set(file.Target, file.Mode);
                        report(file.Length);
                    }
                }
            }, progress, cancel);

            // Directory modes last: a read-only folder would refuse the files going into it.
            foreach (var directory in directories.OrderByDescending(d => d.Key.Length)) UnixMode.Set(directory.Key, directory.Value);
        }

        public void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var source = Path.GetFullPath(localSource);
            var root = Path.GetFullPath(destination);
            var directories = new List<(string Source, string Target)> { (source, root) };
            var files = new List<(string Source, string Target, long Length)>();
            foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, entry.FullName.Substring(source.Length).TrimStart(Path.DirectorySeparatorChar));
                if (entry is DirectoryInfo) directories.Add((entry.FullName, target));
                else files.Add((entry.FullName, target, ((FileInfo)entry).Length));
            }

            foreach (var directory in directories) Directory.CreateDirectory(directory.Target);
            RunInParallel(files, f => f.Length, (bucket, report, stop) =>
            {
                foreach (var file in bucket)
                {
                    stop.ThrowIfCancellationRequested();
                    // File.Copy keeps the Unix mode of the source on PowerShell 7.
                    File.Copy(file.Source, file.Target);
                    report(file.Length);
                }
            }, progress, cancel);
            foreach (var directory in directories.OrderByDescending(d => d.Target.Length)) UnixMode.Set(directory.Target, UnixMode.Get(directory.Source));
        }

        public void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel) =>
            UnpackZip(zipPath, entryPrefix, destination, null, cancel);

        public void CopyTreeOnHost(string source, string destination, CancellationToken cancel) => CopyTree(source, destination, null, cancel);

        public IReadOnlyList<string> ZipEntries(string zipPath)
        {
            using (var zip = ZipFile.OpenRead(zipPath)) return zip.Entries.Select(e => e.FullName).ToList();
        }

        public Tunnel OpenTunnel(string host, int port) => new Tunnel(host, port, string.Empty, null);

        public string PrimaryAddress()
        {
            var address = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
            return address?.ToString() ?? "127.0.0.1";
        }

        /// <summary>
        /// Splits the work into one bucket per core (largest items first, each to the lightest
        /// bucket), runs the buckets on worker threads and reports progress on the calling thread,
        /// which is the only one allowed to talk to PowerShell.
        /// </summary>
        private static void RunInParallel<T>(IReadOnlyList<T> items, Func<T, long> size, Action<List<T>, Action<long>, CancellationToken> work,
            Action<TransferProgress> progress, CancellationToken cancel)
        {
            var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, 4));
            var buckets = Enumerable.Range(0, workers).Select(_ => new List<T>()).ToList();
            var loads = new long[workers];
            foreach (var item in items.OrderByDescending(size))
            {
                var lightest = Array.IndexOf(loads, loads.Min());
                buckets[lightest].Add(item);
                loads[lightest] += size(item);
            }

            long totalBytes = loads.Sum(), bytesDone = 0;
            var filesDone = 0;
            void Report(long bytes)
            {
                Interlocked.Add(ref bytesDone, bytes);
                Interlocked.Increment(ref filesDone);
            }

            // The first failure stops the other workers too; the caller sees that failure itself.
            using (var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                var tasks = buckets.Where(b => b.Count > 0).Select(b => PerHost.Dedicated(() =>
                {
                    try { work(b, Report, stopAll.Token); }
                    catch { stopAll.Cancel(); throw; }
                })).ToArray();
                var all = Task.WhenAll(tasks);
                try
                {
                    while (!all.Wait(250)) progress?.Invoke(new TransferProgress(Interlocked.Read(ref bytesDone), totalBytes, filesDone, items.Count));
                }
                catch (AggregateException failed)
                {
                    var first = failed.Flatten().InnerExceptions.FirstOrDefault(e => !(e is OperationCanceledException)) ?? failed.Flatten().InnerExceptions.First();
                    ExceptionDispatchInfo.Capture(first).Throw();
                }
            }
            progress?.Invoke(new TransferProgress(totalBytes, totalBytes, items.Count, items.Count));
        }

        /// <summary>Refuses entry names that climb out of the destination ("zip slip").</summary>
        private static string InsideRoot(string root, string relative)
        {
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"The zip entry '{relative}' points outside the destination folder; the pack is refused.");
            return target;
        }

        private static void AddParents(Dictionary<string, int> directories, string root, string file)
        {
            for (var parent = Path.GetDirectoryName(file); parent != null && parent.Length > root.Length && !directories.ContainsKey(parent); parent = Path.GetDirectoryName(parent))
                directories[parent] = 0;
        }
    }
}
