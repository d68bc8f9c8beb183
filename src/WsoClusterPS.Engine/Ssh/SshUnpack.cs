using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// Puts a pack's tree on the remote machine: the zip uploaded once and unpacked there with
    /// unzip (which keeps the modes), or streamed into tar where there is no unzip; a folder pack
    /// file by file. Long transfers report progress and stop on cancel.
    /// </summary>
    internal sealed class SshUnpack
    {
        private readonly SshConnection _link;
        private readonly SshCommands _commands;
        private readonly SshFiles _files;

        public SshUnpack(SshConnection link, SshCommands commands, SshFiles files)
        {
            _link = link;
            _commands = commands;
            _files = files;
        }

        /// <summary>
        /// The entries are inflated here and streamed into tar there: the sending, the inflating and tar's writing overlap,
        /// where an uploaded zip waits for the whole upload and then for the host's unzip (single-threaded, slower than the
        /// upload on a LAN). A host without tar gets the zip uploaded and unzipped.
        /// </summary>
        /// <param name="taker">The host this is, as the shared zip knows it.</param>
        public void UnpackZip(SharedZip zip, IHost taker, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            bool streamed;
            try
            {
                streamed = StreamIntoTar(zip, taker, destination, progress, cancel);
            }
            finally
            {
                zip.Leave(taker);
            }
            if (!streamed) UploadAndUnzip(zip.Path, zip.Prefix, destination, progress, cancel);
        }

        private void UploadAndUnzip(string localZipPath, string entryPrefix, string destination, Action<TransferProgress> progress,
            CancellationToken cancel)
        {
            // Beside the staging folder, named after it: a run killed mid-upload leaves it where the
            // next run clears its leftovers, and on the disk the node goes to, not a small /tmp.
            var remoteZip = destination + ".zip";
            try
            {
                Upload(localZipPath, remoteZip, progress, cancel);
            }
            catch
            {
                _commands.Run("rm", new[] { "-f", "--", remoteZip }, TimeSpan.FromMinutes(1));
                throw;
            }
            var size = new FileInfo(localZipPath).Length;
            progress?.Invoke(new TransferProgress(size, size, 1, 1, TransferStage.Unpacking));
            UnzipInto(remoteZip, entryPrefix, destination, cancel, removeZip: true);
        }

        /// <summary>A zip already on the host: its links are held to our rules before unzip runs, since unzip would write a
        /// later entry through an earlier link that leads out of the folder.</summary>
        public void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel)
        {
            RefuseLinksOutside(zipPath, entryPrefix);
            UnzipInto(zipPath, entryPrefix, destination, cancel);
        }

        /// <summary>
        /// unzip, the pack policy and the move into place in two commands, not one each: a command costs the host's login shell
        /// start, a second or more where a .bashrc does much (pyenv, conda, nvm).
        /// </summary>
        /// <param name="removeZip">The zip is ours (uploaded for this): it goes too, whatever happens.</param>
        private void UnzipInto(string zipPath, string entryPrefix, string destination, CancellationToken cancel, bool removeZip = false)
        {
            var unpacked = destination + ".unzip";
            var root = entryPrefix.Length == 0 ? unpacked : PosixPath.Combine(unpacked, entryPrefix.TrimEnd('/'));
            var placed = false;
            try
            {
                cancel.ThrowIfCancellationRequested();
                var unzip = _commands.Run("sh", new[] { "-c", "command -v unzip >/dev/null 2>&1 || exit " + NotInstalled + "; " +
                    "unzip -q -o \"$1\" -d \"$2\" || exit $?; " + PackPolicyScript("$3"), "sh", zipPath, unpacked, root }, TimeSpan.FromMinutes(30), cancel);
                if (unzip.ExitCode == NotInstalled) throw removeZip ? NeitherTarNorUnzip() : UnzipMissing(null);
                SshCommands.Checked(unzip, "unpack the pack");
                RefuseLinksListed(unzip.Output, zipPath);
                _commands.Check("move the unpacked pack into place", "sh", "-c", "mv -- \"$1\" \"$2\" && rm -rf -- \"$3\"" +
                    (removeZip ? " && rm -f -- \"$4\"" : ""), "sh", root, destination, unpacked, zipPath);
                placed = true;
            }
            finally
            {
                if (!placed)
                    _commands.Run("rm", new[] { "-rf", "--", unpacked }.Concat(removeZip ? new[] { zipPath } : new string[0]).ToList(),
                        TimeSpan.FromMinutes(10));
            }
        }

        /// <summary>The exit code of the commands below when their unpacker is not installed.</summary>
        private const int NotInstalled = 3;

        public void CopyTreeOnHost(string source, string destination, CancellationToken cancel)
        {
            SshCommands.Checked(_commands.Run("cp", new[] { "-a", "--", source, destination }, TimeSpan.FromMinutes(30), cancel),
                "copy the pack");
            HoldToPackPolicy(destination, source);
        }

        /// <summary>
        /// A pack already on the host is unpacked or copied there by unzip or cp, which follow their
        /// own rules; the result is held to ours before it goes into place: setuid and setgid bits go, and the links are
        /// listed (for <see cref="RefuseLinksListed"/>).
        /// </summary>
        private static string PackPolicyScript(string root) =>
            $"find \"{root}\" -type f -perm /6000 -exec chmod ug-s -- {{}} + && find \"{root}\" -type l -printf '%P\\0%l\\0'";

        private void HoldToPackPolicy(string root, string pack)
        {
            var links = _commands.Run("sh", new[] { "-c", PackPolicyScript("$1"), "sh", root }, TimeSpan.FromMinutes(10));
            SshCommands.Checked(links, "hold the unpacked pack to the pack policy");
            RefuseLinksListed(links.Output, pack);
        }

        /// <summary>A link that points outside the node refuses the pack (find's "name\0target\0" pairs).</summary>
        private void RefuseLinksListed(string links, string pack)
        {
            var fields = links.Split('\0');
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if (ZipTree.LinkStaysInside(fields[i], fields[i + 1])) continue;
                throw new InvalidDataException($"'{fields[i]}' in the pack '{pack}' on {_link.Name} is a link to '{fields[i + 1]}', " +
                    "outside the node; the pack is refused and nothing was created. A pack's links must point inside it.");
            }
        }

        public IReadOnlyList<string> ZipEntries(string zipPath)
        {
            var listing = Unzip(CancellationToken.None, "-Z1", zipPath);
            if (!listing.Succeeded) throw new InvalidDataException($"'{zipPath}' on {_link.Name} is not a readable zip: " +
                $"{listing.Combined}");
            return listing.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        }

        public void CopyTree(FolderTree tree, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            string Remote(string relative) => relative.Length == 0 ? destination : PosixPath.Combine(destination, relative);
            _commands.Check("create the node's folders", "mkdir",
                new[] { "-p", "--", destination }.Concat(tree.Directories.Select(Remote)).ToArray());
            long total = tree.Files.Sum(f => f.Length), done = 0;
            var count = 0;
            foreach (var (relative, length, fileMode) in tree.Files)
            {
                cancel.ThrowIfCancellationRequested();
                using (var stream = File.OpenRead(tree.Full(relative)))
                    _files.Upload(stream, Remote(relative), fileMode != 0 ? fileMode : UnixMode.Default);
                done += length;
                progress?.Invoke(new TransferProgress(done, total, ++count, tree.Files.Count, TransferStage.Uploading));
            }
            // ln, not SFTP: SSH.NET makes both paths absolute, and a pack's links are relative to their folder.
            foreach (var (relative, linkTarget) in tree.Links) _commands.Check("make the link " + Remote(relative), "ln", "-s", "--",
                linkTarget, Remote(relative));
        }

        /// <summary>
        /// Sends the pack's entries as one tar stream into <c>tar -x</c> there, straight into <paramref name="destination"/>
        /// (made by the same command): modes kept (-p), the files the user's (--no-same-owner). False, with nothing sent or made,
        /// where the host has no tar.
        /// </summary>
        private bool StreamIntoTar(SharedZip zip, IHost taker, string destination, Action<TransferProgress> progress,
            CancellationToken cancel)
        {
            // The pack policy, before anything is asked of the host.
            _ = zip.Total;
            try
            {
                return SendTar(zip, taker, destination, progress, cancel);
            }
            catch
            {
                if (_link.IsConnected) _commands.Run("rm", new[] { "-rf", "--", destination }, TimeSpan.FromMinutes(10));
                throw;
            }
        }

        private bool SendTar(SharedZip zip, IHost taker, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var tarCommand = PosixShell.Command("timeout", new[] { "3600", "sh", "-c",
                "command -v tar >/dev/null 2>&1 || exit " + NotInstalled + "; mkdir -p -- \"$1\" || exit $?; echo; " +
                "exec tar -x -p --no-same-owner -f - -C \"$1\"",
                "sh", destination });
            using (var command = _link.Shell.CreateCommand(tarCommand))
            {
                var running = command.ExecuteAsync(CancellationToken.None);
                Action stop = () => command.CancelAsync(forceKill: true);
                // Nothing is sent before tar is there to read it: sshd drops the whole connection on data for a channel that has
                // closed.
                var ready = PerHost.Dedicated(() => command.OutputStream.ReadByte() == '\n');
                Follow(ready, () => 0, zip.Total, progress, cancel, stop);
                Task sending = Task.CompletedTask;
                if (ready.Result)
                    using (var input = command.CreateInputStream())
                    {
                        var receiver = zip.Join(taker, input);
                        sending = receiver.Done;
                        // The receiver stops when tar stops reading, or when the pack fails; a cancel ends tar's channel.
                        Follow(sending, () => receiver.Sent, zip.Total, progress, cancel, stop);
                    }
                // tar's input is closed (or tar never started), so tar has ended.
                running.GetAwaiter().GetResult();
                // Before tar was ready, 3 is only our check's; stderr may hold what a login shell printed.
                if (!ready.Result && command.ExitStatus == NotInstalled) return false;
                if (command.ExitStatus != 0 || sending.IsFaulted)
                {
                    var stopped = sending.IsFaulted ? " Sending stopped: " + sending.Exception.GetBaseException().Message : string.Empty;
                    throw new IOException(
                        $"tar on {_link.Name} could not unpack the pack: {command.Error.Trim()} (exit code " +
                            $"{command.ExitStatus}).{stopped} " +
                        $"Nothing was left in {destination}.");
                }
                progress?.Invoke(new TransferProgress(zip.Total, zip.Total, 1, 1, TransferStage.Uploading));
                return true;
            }
        }

        /// <summary>zipinfo's line of a link entry: its mode, then version, system, size, type, method, date and time, then
        /// the name.</summary>
        private static readonly System.Text.RegularExpressions.Regex LinkLine = new System.Text.RegularExpressions.Regex(
            @"\Al[rwxsStT-]{9}\s+\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+\S+ (?<name>.+)\z",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>Every link entry of a zip on the host must point inside the node (the entries under
        /// <paramref name="entryPrefix"/>), or inside the zip for the others; its target is its content.</summary>
        private void RefuseLinksOutside(string zipPath, string entryPrefix)
        {
            var listing = Unzip(CancellationToken.None, "-Z", zipPath);
            if (!listing.Succeeded) throw new InvalidDataException($"'{zipPath}' on {_link.Name} is not a readable zip: {listing.Combined}");
            foreach (var line in listing.Output.Split('\n'))
            {
                var link = LinkLine.Match(line.TrimEnd('\r'));
                if (!link.Success) continue;
                var name = link.Groups["name"].Value;
                // unzip takes names as patterns: each wildcard character is matched as itself.
                var pattern = System.Text.RegularExpressions.Regex.Replace(name, @"[\[\]*?]", "[$0]");
                var target = Unzip(CancellationToken.None, "-p", zipPath, pattern);
                var relative = name.StartsWith(entryPrefix, StringComparison.Ordinal) ? name.Substring(entryPrefix.Length) : name;
                if (target.Succeeded && ZipTree.LinkStaysInside(relative, target.Output)) continue;
                throw new InvalidDataException($"'{relative}' in the pack '{zipPath}' on {_link.Name} is a link to '{target.Output}', " +
                    "outside the node; the pack is refused before it is unpacked, and nothing was created. A pack's links must point " +
                    "inside it.");
            }
        }

        private CommandResult Unzip(CancellationToken cancel, params string[] arguments)
        {
            try
            {
                return _commands.Run("unzip", arguments, TimeSpan.FromMinutes(30), cancel);
            }
            catch (FileNotFoundException e)
            {
                throw UnzipMissing(e);
            }
        }

        private FileNotFoundException NeitherTarNorUnzip() =>
            new FileNotFoundException($"Neither tar nor unzip is installed on {_link.Name}, so the pack cannot be unpacked there. " +
                "Install either (apt-get install -y tar); nothing was created.", "tar");

        private FileNotFoundException UnzipMissing(Exception inner) =>
            new FileNotFoundException(
                $"unzip is not installed on {_link.Name}, so a zip already there cannot be unpacked. Install it there (apt-get " +
                    "install -y unzip), " +
                "or give the pack from this machine with -PackPath, which is streamed without it; nothing was created.", "unzip", inner);

        /// <summary>SFTP upload on a worker thread, progress reported on the calling thread (PowerShell's).</summary>
        private void Upload(string localPath, string remotePath, Action<TransferProgress> progress, CancellationToken cancel)
        {
            var total = new FileInfo(localPath).Length;
            long sent = 0;
            var upload = PerHost.Dedicated(() =>
            {
                using (var stream = File.OpenRead(localPath)) _files.Upload(stream, remotePath, UnixMode.Private,
                    bytes => Interlocked.Exchange(ref sent, (long)bytes));
            });
            // Closing the channel is the only way to stop an SFTP upload midway.
            Follow(upload, () => Interlocked.Read(ref sent), total, progress, cancel, _link.Files.Disconnect);
            upload.GetAwaiter().GetResult();
            progress?.Invoke(new TransferProgress(total, total, 1, 1, TransferStage.Uploading));
        }

        /// <summary>
        /// Waits for a transfer running on its own thread and reports its bytes on this one
        /// (PowerShell's) four times a second. On cancel it calls <paramref name="stop"/> once, gives
        /// the transfer a few seconds to end, and throws. A failed transfer is left to its caller.
        /// </summary>
        private static void Follow(Task transfer, Func<long> sent, long total, Action<TransferProgress> progress,
            CancellationToken cancel, Action stop)
        {
            DateTime? giveUp = null;
            while (Task.WaitAny(new[] { transfer }, 250) < 0 && (giveUp == null || DateTime.UtcNow < giveUp))
            {
                progress?.Invoke(new TransferProgress(sent(), total, 0, 1, TransferStage.Uploading));
                if (!cancel.IsCancellationRequested || giveUp != null) continue;
                stop();
                giveUp = DateTime.UtcNow.AddSeconds(10);
            }
            cancel.ThrowIfCancellationRequested();
        }
    }
}
