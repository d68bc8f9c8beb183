using System;
using System.IO;
using System.Linq;
using System.Text;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Atomic writes and locks on this machine. A write goes to a temporary file beside the target,
    /// created private and given the target's mode and owner before any content is in it, then
    /// renamed over it; the backup is made the same way. A link is never written through.
    /// </summary>
    internal static class LocalFiles
    {
        public static void WriteAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly, bool holdsSecret)
        {
            var full = Path.GetFullPath(path);
            RefuseLink(full);
            var existing = File.Exists(full);
            var mode = existing ? UnixMode.Get(full) : 0;
            if (existing && HostFiles.IsReadOnly(mode) && !replaceReadOnly) throw HostFiles.ReadOnlyRefusal(full, "localhost", mode);
            ClearLeftovers(full);
            try
            {
                // A backup is read by nobody but the admin, and an IS file holds secrets (the stock one: the admin's and the
                // keystores' passwords), the old plain ones after they are sealed: it is always its owner's only.
                if (existing && keepBackup) Replace(full + ".bak", File.ReadAllBytes(full), full, holdsSecret: true);
                Replace(full, content, existing ? full : null, holdsSecret);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Denied(full, e);
            }
        }

        /// <summary>Holds the file's lock (a file made with O_EXCL beside it, holding its lease) until disposed.</summary>
        public static FileLease Lock(string path, LockWait wait)
        {
            var full = Path.GetFullPath(path);
            var lockPath = Path.Combine(Path.GetDirectoryName(full), FileLock.NameFor(Path.GetFileName(full)));
            return FileLock.Acquire(full, lockPath, "localhost", wait, lease =>
            {
                try
                {
                    using (var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        var bytes = Encoding.UTF8.GetBytes(lease);
                        stream.Write(bytes, 0, bytes.Length);
                    }
                    return (true, lease);
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
            }, () => File.Delete(lockPath), (_, next) => File.WriteAllText(lockPath, next), () => File.Delete(lockPath));
        }

        /// <summary>Writes <paramref name="content"/> over <paramref name="target"/> through a temporary file with the
        /// mode and owner of <paramref name="like"/> (made private when it holds a secret).</summary>
        /// <remarks>A link at <paramref name="target"/> is replaced by the rename, never followed.</remarks>
        private static void Replace(string target, byte[] content, string like, bool holdsSecret)
        {
            var temp = Path.Combine(Path.GetDirectoryName(target), TempFile.NameFor(Path.GetFileName(target)));
            try
            {
                var mode = UnixMode.Final(like == null ? (int?)null : UnixMode.Get(like), holdsSecret);
                using (var stream = UnixMode.CreatePrivate(temp))
                {
                    if (like != null) { UnixMode.Set(temp, mode); Owner.Copy(like, temp); }
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (like == null) UnixMode.Set(temp, mode);
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
            if (target != null) throw HostFiles.LinkRefusal(full, "localhost", target);
#endif
            if (Directory.Exists(full))
                throw new IOException($"'{full}' is a folder, not a file. Give the file's path; nothing was written.");
        }

        /// <summary>Temporary files a killed run left beside the file (recognisable by name), removed under the file's lock.</summary>
        private static void ClearLeftovers(string full)
        {
            var leaf = Path.GetFileName(full);
            var stale = Directory.EnumerateFiles(Path.GetDirectoryName(full)).Select(Path.GetFileName)
                .Where(name => TempFile.IsLeftoverOf(leaf, name) || TempFile.IsLeftoverOf(leaf + ".bak", name)).ToList();
            foreach (var name in stale) File.Delete(Path.Combine(Path.GetDirectoryName(full), name));
        }

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
