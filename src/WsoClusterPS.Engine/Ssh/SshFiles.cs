using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// Files over SFTP. A write goes to a temporary name beside the file, then a POSIX rename, so
    /// a dropped connection never leaves half a file; as root (sudo), the content is staged in a
    /// private folder of the user's and root copies, chmods, chowns and renames it into place.
    /// </summary>
    internal sealed class SshFiles
    {
        private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
        private readonly SshConnection _link;
        private readonly SshCommands _commands;

        public SshFiles(SshConnection link, SshCommands commands)
        {
            _link = link;
            _commands = commands;
        }

        private SftpClient Sftp => _link.Files;
        private bool AsRoot => _commands.AsRoot;

        public bool FileExists(string path) => Stat(path)?.IsRegularFile == true;
        public bool DirectoryExists(string path) => Stat(path)?.IsDirectory == true;

        /// <summary>One stat, null when nothing is there: asking "exists?" and then "what is it?" races a process leaving
        /// /proc, or a file being replaced, between the two.</summary>
        private SftpFileAttributes Stat(string path)
        {
            try
            {
                return Sftp.GetAttributes(path);
            }
            catch (SftpPathNotFoundException)
            {
                return null;
            }
        }

        /// <summary>True only when SFTP says nothing is there, not even a link; a path it may not look at counts as something.</summary>
        public bool NothingAt(string path)
        {
            try
            {
                return Stat(path) == null;
            }
            catch (SshException)
            {
                return false;
            }
        }

        public bool DirectoryHasEntries(string path) =>
            DirectoryExists(path) && Sftp.ListDirectory(path).Any(f => f.Name != "." && f.Name != "..");

        public DateTime? LastWriteTimeUtc(string path) =>
            Stat(path) is var found && found?.IsRegularFile == true ? found.LastWriteTimeUtc : (DateTime?)null;

        public long FileLength(string path) => Stat(path) is var found && found?.IsRegularFile == true ? found.Size : -1;
        public int Permissions(string path) => ModeOf(Sftp.GetAttributes(path));

        public IReadOnlyList<string> ListDirectories(string directory) =>
            DirectoryExists(directory)
                ? Sftp.ListDirectory(directory).Where(f => f.IsDirectory && f.Name != "." && f.Name != "..").Select(f => f.Name).ToList()
                : new List<string>();

        public IReadOnlyList<string> ListFiles(string directory) =>
            DirectoryExists(directory) ? Sftp.ListDirectory(directory).Where(f => f.IsRegularFile).Select(f =>
                f.Name).ToList() : new List<string>();

        public void DeleteFile(string path)
        {
            if (AsRoot) _commands.Check("remove " + path, "rm", "-f", "--", path);
            else Sftp.DeleteFile(path);
        }

        public void MoveDirectory(string from, string to)
        {
            if (AsRoot) _commands.Check("move " + from, "mv", "--", from, to);
            else Sftp.RenameFile(from, to, isPosix: true);
        }

        public byte[] ReadFrom(string path, long offset)
        {
            try
            {
                return ReadOverSftp(path, offset);
            }
            catch (SftpPathNotFoundException e)
            {
                throw new FileNotFoundException($"'{path}' does not exist on {_link.Name}.", path, e);
            }
            catch (SftpPermissionDeniedException e) when (!AsRoot)
            {
                throw Denied("read", path, e);
            }
            catch (SftpPermissionDeniedException)
            {
                // An NGINX error log is often root's alone (root:adm 0640).
                if (offset > FileLength(path)) offset = 0;
                var tail = _commands.Run("tail", new[] { "-c", "+" + (offset + 1).ToString(CultureInfo.InvariantCulture), "--", path },
                    TimeSpan.FromMinutes(5));
                SshCommands.Checked(tail, "read " + path);
                return System.Text.Encoding.UTF8.GetBytes(tail.Output);
            }
        }

        public void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly, bool holdsSecret)
        {
            string temp = null;
            try
            {
                RefuseLink(path);
                var existingMode = Stat(path) is var existing && existing?.IsRegularFile == true ? ModeOf(existing) : (int?)null;
                if (existingMode is int mode && Hosts.HostFiles.IsReadOnly(mode) && !replaceReadOnly)
                    throw Hosts.HostFiles.ReadOnlyRefusal(path, _link.Name, mode);
                temp = TempBeside(path);
                var finalMode = Hosts.UnixMode.Final(existingMode, holdsSecret);
                if (AsRoot) WriteAsRoot(path, temp, content, keepBackup, existingMode != null, finalMode);
                else WriteAsUser(path, temp, content, keepBackup, existingMode != null, finalMode);
            }
            catch (SftpPermissionDeniedException e)
            {
                throw Denied("write", path, e);
            }
            finally
            {
                if (temp != null && _link.IsConnected && Sftp.Exists(temp)) DeleteFile(temp);
            }
        }

        /// <summary>Sends a local file's bytes to <paramref name="remotePath"/> as they are: the caller names a temporary path.</summary>
        /// <param name="mode">The file's final mode, given before any byte arrives, so its content is never readable more widely.</param>
        public void Upload(Stream content, string remotePath, int mode, Action<ulong> sent = null)
        {
            using (Sftp.Open(remotePath, FileMode.CreateNew, FileAccess.Write)) Sftp.ChangePermissions(remotePath, OctalDigits(mode));
            // Writing over the empty file keeps the mode just given.
            Sftp.UploadFile(content, remotePath, canOverride: true, uploadCallback: sent);
        }


        /// <param name="mode">The file's final mode (<see cref="Hosts.UnixMode.Final"/>); the content never sits under a wider one.</param>
        private void WriteAsUser(string path, string temp, byte[] content, bool keepBackup, bool existing, int mode)
        {
            UploadPrivately(content, temp, mode);
            if (existing && keepBackup) KeepBackup(path, Hosts.UnixMode.Final(mode, holdsSecret: true));
            Sftp.RenameFile(temp, path, isPosix: true);
        }

        /// <summary>
        /// Creates the file empty, gives it <paramref name="mode"/>, and only then writes the content:
        /// SFTP would otherwise create it with the umask's mode and show a password to every reader
        /// until a later chmod.
        /// </summary>
        private void UploadPrivately(byte[] content, string remotePath, int mode)
        {
            using (var stream = Sftp.Open(remotePath, FileMode.CreateNew, FileAccess.Write))
            {
                Sftp.ChangePermissions(remotePath, OctalDigits(mode));
                stream.Write(content, 0, content.Length);
            }
        }

        /// <summary>SFTP writes as the user, so the content goes to a private folder of the user's first.</summary>
        private void WriteAsRoot(string path, string temp, byte[] content, bool keepBackup, bool existing, int mode)
        {
            var staging = _commands.RunAsUser("mktemp", new[] { "-d" }, Minute);
            SshCommands.Checked(staging, "make a private folder for the upload");
            var staged = PosixPath.Combine(staging.Output.Trim(), "content");
            try
            {
                // cp gives the copy the staged file's private mode until chmod below.
                UploadPrivately(content, staged, Hosts.UnixMode.Private);
                _commands.Check("copy the new content beside " + path, "cp", "--", staged, temp);
                _commands.Check("give the new " + path + " its mode", "chmod", Convert.ToString(mode, 8), "--", temp);
                if (existing)
                {
                    _commands.Check("give the new " + path + " the old one's owner", "chown", "--reference=" + path, "--", temp);
                    if (keepBackup) KeepBackup(path, Hosts.UnixMode.Final(mode, holdsSecret: true));
                }
                _commands.Check("put " + path + " in place", "mv", "-f", "--", temp, path);
            }
            finally
            {
                if (_link.IsConnected) _commands.RunAsUser("rm", new[] { "-rf", "--", staging.Output.Trim() }, Minute);
            }
        }

        /// <summary>The backup, like the file: a copy beside it (owner kept, readable by its owner only from the moment it
        /// exists: it may hold the plain secrets the new file sealed), renamed over path.bak, never written through a link there.</summary>
        private void KeepBackup(string path, int mode)
        {
            // The copy is made in a folder only its owner may enter, so no one reads it before its mode is narrowed.
            var folder = TempBeside(path + ".bak");
            var copy = PosixPath.Combine(folder, "content");
            _commands.Check("keep a backup of " + path, "mkdir", "-m", "700", "--", folder);
            try
            {
                _commands.Check("keep a backup of " + path, "cp", "-p", "--", path, copy);
                _commands.Check("keep a backup of " + path, "chmod", Convert.ToString(mode, 8), "--", copy);
                _commands.Check("keep a backup of " + path, "mv", "-f", "--", copy, path + ".bak");
            }
            finally
            {
                if (_link.IsConnected) _commands.Run("rm", new[] { "-rf", "--", folder }, Minute);
            }
        }

        /// <summary>SFTP's own stat follows links, and its canonical paths resolve them: the folder's listing tells (lstat).</summary>
        private void RefuseLink(string path)
        {
            var (parent, leaf) = PosixPath.Split(path);
            if (!DirectoryExists(parent) || !Sftp.ListDirectory(parent).Any(f => f.Name == leaf && f.IsSymbolicLink)) return;
            throw Hosts.HostFiles.LinkRefusal(path, _link.Name, null);
        }

        /// <summary>A lock directory beside the file, made with mkdir (atomic; as root through sudo where the file is
        /// root's), holding its holder's name.</summary>
        public Hosts.FileLease Lock(string path, Hosts.LockWait wait)
        {
            var (parent, leaf) = PosixPath.Split(path);
            var lockPath = PosixPath.Combine(parent, Hosts.FileLock.NameFor(leaf));
            return Hosts.FileLock.Acquire(path, lockPath, _link.Name, wait, lease =>
            {
                if (!MakeDirectory(path, lockPath))
                    return (false, Sftp.ListDirectory(lockPath).Select(f => f.Name).FirstOrDefault(n => n != "." && n != ".."));
                MakeDirectory(path, PosixPath.Combine(lockPath, lease));
                return (true, lease);
            }, () => RemoveLock(lockPath), (current, next) => RenewLock(lockPath, current, next),
                () => { if (_link.IsConnected) RemoveLock(lockPath); });
        }

        /// <summary>The lease is the name of the folder inside the lock: renaming it is atomic, and the lock is never free
        /// meanwhile.</summary>
        private void RenewLock(string lockPath, string current, string next)
        {
            var from = PosixPath.Combine(lockPath, current);
            var to = PosixPath.Combine(lockPath, next);
            if (AsRoot) _commands.Check("renew the lock " + lockPath, "mv", "--", from, to);
            else Sftp.RenameFile(from, to);
        }

        /// <summary>mkdir, which fails when the folder exists: over SFTP as the user, through sudo as root.</summary>
        /// <returns>False when the folder was there already.</returns>
        private bool MakeDirectory(string forPath, string directory)
        {
            if (AsRoot)
            {
                var made = _commands.Run("mkdir", new[] { "--", directory }, Minute);
                if (made.Succeeded) return true;
                if (!made.Error.Contains("File exists")) SshCommands.Checked(made, "make the lock " + directory);
                return false;
            }
            try
            {
                Sftp.CreateDirectory(directory);
                return true;
            }
            catch (SftpPermissionDeniedException e)
            {
                throw Denied("write", forPath, e);
            }
            catch (SshException) when (DirectoryExists(PosixPath.Split(directory).Parent))
            {
                // It exists (or did a moment ago: its holder may have just let go); the caller tries again.
                return false;
            }
        }

        private void RemoveLock(string lockPath)
        {
            if (AsRoot)
            {
                _commands.Run("rm", new[] { "-rf", "--", lockPath }, Minute);
                return;
            }
            foreach (var holder in Sftp.ListDirectory(lockPath).Where(f => f.IsDirectory && f.Name != "." && f.Name != ".."))
                Sftp.DeleteDirectory(holder.FullName);
            Sftp.DeleteDirectory(lockPath);
        }

        private byte[] ReadOverSftp(string path, long offset)
        {
            using (var stream = Sftp.OpenRead(path))
            using (var copy = new MemoryStream())
            {
                if (offset > stream.Length) offset = 0;
                stream.Seek(offset, SeekOrigin.Begin);
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        private UnauthorizedAccessException Denied(string verb, string path, Exception e) => new UnauthorizedAccessException(
            $"{_link.Options.UserName} may not {verb} '{path}' on {_link.Name} ({e.Message}). " +
            "Connect with New-IsSshSession -UseSudo (for a user with password-less sudo), " +
            $"or as a user who may {verb} it; the file was not changed.", e);

        /// <summary>A temporary name beside the file; a connection that dropped mid-upload could not remove its own, so
        /// this clears them first.</summary>
        private string TempBeside(string path)
        {
            var (parent, leaf) = PosixPath.Split(path);
            foreach (var stale in ListFiles(parent).Where(f => Hosts.TempFile.IsLeftoverOf(leaf, f)))
                DeleteFile(PosixPath.Combine(parent, stale));
            return PosixPath.Combine(parent, Hosts.TempFile.NameFor(leaf));
        }

        private static int ModeOf(SftpFileAttributes a) =>
            (a.OwnerCanRead ? 256 : 0) | (a.OwnerCanWrite ? 128 : 0) | (a.OwnerCanExecute ? 64 : 0) |
            (a.GroupCanRead ? 32 : 0) | (a.GroupCanWrite ? 16 : 0) | (a.GroupCanExecute ? 8 : 0) |
            (a.OthersCanRead ? 4 : 0) | (a.OthersCanWrite ? 2 : 0) | (a.OthersCanExecute ? 1 : 0);

        /// <summary>SSH.NET reads the decimal digits of the number as octal: 644 means rw-r--r--.</summary>
        private static short OctalDigits(int mode) => short.Parse(Convert.ToString(mode & 0x1FF, 8), CultureInfo.InvariantCulture);
    }
}
