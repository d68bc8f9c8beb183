using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Unpacks and copies pack trees on this machine with one worker per core, keeping Unix modes,
    /// and reports progress on the calling thread, which is the only one allowed to talk to PowerShell.
    /// </summary>
    internal static class LocalTree
    {
        private const int CopyBuffer = 1 << 16;

        public static void UnpackZip(string localZipPath, string entryPrefix, string destination, Action<TransferProgress> progress,
            CancellationToken cancel)
        {
            var root = Path.GetFullPath(destination);
            var files = new List<(int Index, string Target, long Length, int Mode, DateTimeOffset Modified)>();
            var links = new List<(string Path, string Target)>();
            var directories = new Dictionary<string, int>(StringComparer.Ordinal) { [root] = 0 };
            using (var zip = ZipFile.OpenRead(localZipPath))
            {
                foreach (var entry in ZipTree.Under(zip, entryPrefix))
                {
                    // ZipTree has refused names that climb out of the destination.
                    var target = Path.Combine(root, entry.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                    if (entry.IsDirectory)
                    {
                        directories[target] = entry.Mode;
                        continue;
                    }
                    AddParents(directories, root, target);
                    if (entry.LinkTarget != null) links.Add((target, entry.LinkTarget));
                    else files.Add((entry.Index, target, entry.Length, entry.Mode, entry.Modified));
                }
            }

            foreach (var directory in directories.Keys.OrderBy(d => d.Length)) Directory.CreateDirectory(directory);
#if NET
            // Links as links, pointing where they did: ZipTree kept only those that stay inside the node.
            foreach (var (path, linkTarget) in links) File.CreateSymbolicLink(path, linkTarget);
#endif

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

        public static void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var tree = FolderTree.Read(localSource);
            var root = Path.GetFullPath(destination);
            string Target(string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(root);
            foreach (var directory in tree.Directories) Directory.CreateDirectory(Target(directory));
            RunInParallel(tree.Files, f => f.Length, (bucket, report, stop) =>
            {
                foreach (var file in bucket)
                {
                    stop.ThrowIfCancellationRequested();
                    // File.Copy keeps the Unix mode of the source on PowerShell 7.
                    File.Copy(tree.Full(file.Relative), Target(file.Relative));
                    report(file.Length);
                }
            }, progress, cancel);
#if NET
            foreach (var (relative, linkTarget) in tree.Links) File.CreateSymbolicLink(Target(relative), linkTarget);
#endif
            foreach (var directory in tree.Directories.Concat(new[] { string.Empty }).OrderByDescending(d => d.Length))
                UnixMode.Set(Target(directory), UnixMode.Get(tree.Full(directory)));
        }

        /// <summary>
        /// Splits the work into one bucket per core (largest items first, each to the lightest
        /// bucket), runs the buckets on worker threads and reports progress on the calling thread,
        /// which is the only one allowed to talk to PowerShell.
        /// </summary>
        private static void RunInParallel<T>(IReadOnlyList<T> items, Func<T, long> size, Action<List<T>, Action<long>,
            CancellationToken> work,
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
                    while (!all.Wait(250)) progress?.Invoke(new TransferProgress(Interlocked.Read(ref bytesDone), totalBytes, filesDone,
                        items.Count));
                }
                catch (AggregateException failed)
                {
                    var first = failed.Flatten().InnerExceptions.FirstOrDefault(e => !(e is OperationCanceledException))
                        ?? failed.Flatten().InnerExceptions.First();
                    ExceptionDispatchInfo.Capture(first).Throw();
                }
            }
            progress?.Invoke(new TransferProgress(totalBytes, totalBytes, items.Count, items.Count));
        }

        private static void AddParents(Dictionary<string, int> directories, string root, string file)
        {
            for (var parent = Path.GetDirectoryName(file); parent != null && parent.Length > root.Length
                && !directories.ContainsKey(parent); parent = Path.GetDirectoryName(parent))
                directories[parent] = 0;
        }
    }
}
