using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Atomic writes and locks on this machine. A write goes to a temporary file beside the target,
    /// created private and given the target's mode and owner before any content is in it, then
    /// renamed over it; the backup is made the same way. A link is never written through.
    /// </summary>
    internal static class LocalFiles
    {
        public static void WriteAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly)
        {
            var full = Path.GetFullPath(path);
            RefuseLink(full);
            var existing = File.Exists(full);
            var mode = existing ? UnixMode.Get(full) : 0;
            if (existing && mode != 0 && (mode & 0x92) == 0 && !replaceReadOnly)
                throw new UnauthorizedAccessException(
                    $"'{full}' is read-only (mode {Convert.ToString(mode & 0xFFF, 8)}). Give -Force to replace it, as Set-Content does; " +
                    "its mode stays as it is. Nothing was written.");
            ClearLeftovers(full);
            try
            {
                if (existing && keepBackup) Replace(full + ".bak", File.ReadAllBytes(full), full);
                Replace(full, content, existing ? full : null);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Denied(full, e);
            }
        }

        /// <summary>Holds the file's lock (a file made with O_EXCL beside it) until disposed.</summary>
        public static IDisposable Lock(string path, TimeSpan wait)
        {
            var full = Path.GetFullPath(path);
            var lockPath = Path.Combine(Path.GetDirectoryName(full), FileLock.NameFor(Path.GetFileName(full)));
            FileLock.Acquire(full, lockPath, "localhost", wait, () =>
            {
                var holder = FileLock.Holder();
                try
                {
                    using (var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        var bytes = Encoding.UTF8.GetBytes(holder);
                        stream.Write(bytes, 0, bytes.Length);
                    }
                    return (true, holder);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw Denied(full, e);
                }
                catch (IOException e) when (!(e is DirectoryNotFoundException))
                {
                    // Held by another run; it may be released before its holder is read (null: try again).
                    return (false, ReadHolder(lockPath));
                }
            }, () => File.Delete(lockPath));
            return new OnDispose(() => File.Delete(lockPath));
        }

        /// <summary>Writes <paramref name="content"/> over <paramref name="target"/> through a temporary file with the
        /// mode and owner of <paramref name="like"/>.</summary>
        /// <remarks>A link at <paramref name="target"/> is replaced by the rename, never followed.</remarks>
        private static void Replace(string target, byte[] content, string like)
        {
            var temp = TempName(target);
            try
            {
                var mode = like == null ? 0 : UnixMode.Get(like);
                using (var stream = UnixMode.CreatePrivate(temp))
                {
                    if (like != null) { UnixMode.Set(temp, mode); Owner.Copy(like, temp); }
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (like == null) UnixMode.Set(temp, UnixMode.Default);
#if NET
                File.Move(temp, target, overwrite: true);
#else
                if (File.Exists(target)) File.Replace(temp, target, null); else File.Move(temp, target);
#endif
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static void RefuseLink(string full)
        {
#if NET
            var target = new FileInfo(full).LinkTarget;
            if (target != null)
                throw new IOException(
                    $"'{full}' is a symbolic link (to {target}), and WsoClusterPS never writes through a link it did not make. " +
                    "Point the cmdlet at the file itself, or replace the link with the file; nothing was written.");
#endif
            if (Directory.Exists(full))
                throw new IOException($"'{full}' is a folder, not a file. Give the file's path; nothing was written.");
        }

        /// <summary>Temporary files a killed run left beside the file (recognisable by name), removed under the file's lock.</summary>
        private static void ClearLeftovers(string full)
        {
            var leftover = TempPattern(Path.GetFileName(full));
            foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(full)).Where(f => leftover.IsMatch(Path.GetFileName(f))))
                File.Delete(stale);
            var backup = TempPattern(Path.GetFileName(full) + ".bak");
            foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(full)).Where(f => backup.IsMatch(Path.GetFileName(f))))
                File.Delete(stale);
        }

        private static string TempName(string target) =>
            Path.Combine(Path.GetDirectoryName(target), "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0,
                8) + ".tmp");

        private static Regex TempPattern(string leaf) =>
            new Regex(@"\A" + Regex.Escape("." + leaf + ".") + @"[0-9a-f]{8}\.tmp\z", RegexOptions.CultureInvariant);

        private static UnauthorizedAccessException Denied(string full, UnauthorizedAccessException e) => new UnauthorizedAccessException(
            $"You may not write '{full}' here ({e.Message}). Run PowerShell as a user who may (root, for /etc/hosts and /etc/nginx), " +
            "or point the cmdlet at a copy; the file was not changed.", e);

        private static string ReadHolder(string lockPath)
        {
            try { return File.ReadAllText(lockPath).Trim(); }
            catch (IOException) { return null; }
        }
    }
}
