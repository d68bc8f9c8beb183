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

        public static void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel)
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
            foreach (var directory in directories.OrderByDescending(d => d.Target.Length)) UnixMode.Set(directory.Target,
                UnixMode.Get(directory.Source));
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
