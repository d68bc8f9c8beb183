using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Files
{
    /// <summary>
    /// One planned change to a file on a host: its old and new text, a diff to show, and the
    /// previous bytes to put back. Nothing is written until <see cref="Apply"/>.
    /// </summary>
    public sealed class FileEdit
    {
        private readonly TextFile _file;
        private readonly Func<string, string> _change;
        private readonly IReadOnlyCollection<string> _maskedKeys;

        private FileEdit(IHost host, string path, byte[] previous, TextFile file, Func<string, string> change, bool holdsSecret = false,
            IReadOnlyCollection<string> maskedKeys = null)
        {
            HoldsSecret = holdsSecret;
            _maskedKeys = maskedKeys;
            Host = host;
            Path = path;
            PreviousBytes = previous;
            _file = file;
            _change = change;
            NewText = change(OldText);
        }

        public IHost Host { get; }
        public string Path { get; }

        /// <summary>The new text holds a plain secret: the file and its backup are written readable by their owner only.</summary>
        public bool HoldsSecret { get; }

        /// <summary>The file as it was, or null when it did not exist.</summary>
        public byte[] PreviousBytes { get; }

        public string OldText => _file?.Text ?? string.Empty;
        public string NewText { get; }
        public bool Changed => PreviousBytes == null || !string.Equals(OldText, NewText, StringComparison.Ordinal);

        /// <summary>
        /// The unified diff, with the value of every password or secret key masked, old and new
        /// alike. Built on each call, so only when it is shown.
        /// </summary>
        public string Diff
        {
            get
            {
                var diff = UnifiedDiff.Create(OldText, NewText, Path);
                if (PreviousBytes == null) diff = diff.Replace("--- " + Path + "\n", "--- /dev/null\n");
                return SecretMask.Apply(diff, _maskedKeys);
            }
        }

        /// <summary>Reads and parses a TOML file on the host and plans <paramref name="edit"/> on it; writes nothing.</summary>
        /// <param name="before">The bytes an earlier change will leave there (a node made from a pack), planned on instead of
        /// the file, which need not exist yet; null reads the file.</param>
        public static FileEdit OfToml(IHost host, string path, Action<TomlEditor> edit, bool holdsSecret = false, byte[] before = null)
        {
            if (before == null && !host.FileExists(path))
                throw host.NotAFile(path, "Check that the node's home is a WSO2 IS home (New-IsClusterNode makes one); nothing was written.");
            // The aliases of Secure Vault's [secrets], before and after, whatever their names, and [encryption] key: their
            // values never show.
            var aliases = new HashSet<string>(StringComparer.Ordinal) { DeploymentKeys.EncryptionKey.Name };
            string Change(string text)
            {
                var toml = TomlEditor.Parse(text, path);
                aliases.UnionWith(toml.Keys(DeploymentKeys.Secrets));
                edit(toml);
                aliases.UnionWith(toml.Keys(DeploymentKeys.Secrets));
                return toml.Text;
            }
            return before == null ? Transform(host, path, Change, holdsSecret, aliases)
                : new FileEdit(host, path, before, TextFile.Decode(before, path), Change, holdsSecret, aliases);
        }

        /// <summary>Reads an existing text file on the host and plans the text <paramref name="change"/> makes of it.</summary>
        /// <param name="holdsSecret">The new text holds a plain secret (see <see cref="HoldsSecret"/>).</param>
        /// <param name="maskedKeys">Keys whose values the diff hides besides those named like passwords; filled by
        /// <paramref name="change"/> as it runs.</param>
        public static FileEdit Transform(IHost host, string path, Func<string, string> change, bool holdsSecret = false,
            IReadOnlyCollection<string> maskedKeys = null)
        {
            if (!host.FileExists(path))
                throw host.NotAFile(path, "Check the path; nothing was written.");
            var previous = host.ReadAllBytes(path);
            return new FileEdit(host, path, previous, TextFile.Decode(previous, path), change, holdsSecret, maskedKeys);
        }

        /// <summary>Plans replacing a whole file (or creating it) with <paramref name="newText"/>.</summary>
        public static FileEdit Replace(IHost host, string path, string newText)
        {
            var previous = host.FileExists(path) ? host.ReadAllBytes(path) : null;
            return new FileEdit(host, path, previous, previous == null ? null : TextFile.Decode(previous, path), _ => newText);
        }

        /// <summary>Whose expired lock <see cref="Apply"/> took over (a killed run's), for a warning; null when it was free.</summary>
        public string TookOverLockFrom { get; private set; }

        /// <summary>Whether <see cref="Apply"/> found the file changed by someone else and made the change again on
        /// what it found.</summary>
        public bool Replanned { get; private set; }

        /// <summary>
        /// Writes the change, holding the file's lock from the last read to the rename. When the
        /// file changed since it was planned (another admin, another run), the change is made
        /// again on what is there now, so neither edit is lost.
        /// </summary>
        /// <param name="wait">How long to wait for the file's lock; <see cref="FileLock.DefaultWait"/> when not given.</param>
        public void Apply(bool keepBackup, bool replaceReadOnly = false, LockWait? wait = null)
        {
            using (var lease = Host.Lock(Path, wait ?? FileLock.DefaultWait))
            {
                TookOverLockFrom = lease.TakenOverFrom;
                var current = Host.FileExists(Path) ? Host.ReadAllBytes(Path) : null;
                var bytes = Encoded(_file, NewText);
                if (!SameBytes(current, PreviousBytes))
                {
                    var file = current == null ? null : TextFile.Decode(current, Path);
                    bytes = Encoded(file, _change(file?.Text ?? string.Empty));
                    Replanned = true;
                    if (current != null && SameBytes(current, bytes)) return;
                }
                Host.WriteAllBytesAtomically(Path, bytes, keepBackup && current != null, replaceReadOnly, HoldsSecret);
                Written = true;
            }
        }

        /// <summary>Whether <see cref="Apply"/> wrote the file: what <see cref="Revert"/> would put back.</summary>
        public bool Written { get; private set; }

        /// <summary>Puts the file back as it was before <see cref="Apply"/>: the old bytes, or no file.</summary>
        public void Revert()
        {
            using (Host.Lock(Path, FileLock.DefaultWait))
            {
                if (PreviousBytes == null) { if (Host.FileExists(Path)) Host.DeleteFile(Path); }
                else Host.WriteAllBytesAtomically(Path, PreviousBytes, keepBackup: false, replaceReadOnly: true, holdsSecret: HoldsSecret);
            }
        }

        /// <summary>As the file was stored (its byte order mark kept), or plain UTF-8 for a new file.</summary>
        private static byte[] Encoded(TextFile file, string text) => file?.Encode(text) ?? Encoding.UTF8.GetBytes(text);

        private static bool SameBytes(byte[] a, byte[] b) =>
            a == null ? b == null : b != null && a.Length == b.Length && a.AsSpan().SequenceEqual(b);
    }
}
