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

        private FileEdit(IHost host, string path, byte[] previous, TextFile file, string newText)
        {
            Host = host;
            Path = path;
            PreviousBytes = previous;
            _file = file;
            NewText = newText;
        }

        public IHost Host { get; }
        public string Path { get; }

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
                return SecretMask.Apply(diff);
            }
        }

        /// <summary>Reads and parses a TOML file on the host and plans <paramref name="edit"/> on it; writes nothing.</summary>
        public static FileEdit OfToml(IHost host, string path, Action<TomlEditor> edit)
        {
            if (!host.FileExists(path))
                throw new FileNotFoundException($"'{path}' does not exist on {host.Name}. Check that the node's home is a WSO2 IS home " +
                    "(New-IsClusterNode makes one); nothing was written.", path);
            return Transform(host, path, text =>
            {
                var toml = TomlEditor.Parse(text, path);
                edit(toml);
                return toml.Text;
            });
        }

        /// <summary>Reads an existing text file on the host and plans the text <paramref name="change"/> makes of it.</summary>
        public static FileEdit Transform(IHost host, string path, Func<string, string> change)
        {
            if (!host.FileExists(path))
                throw new FileNotFoundException($"'{path}' does not exist on {host.Name}. Check the path; nothing was written.", path);
            var previous = host.ReadAllBytes(path);
            var file = Decode(path, previous);
            return new FileEdit(host, path, previous, file, change(file.Text));
        }

        /// <summary>Plans replacing a whole file (or creating it) with <paramref name="newText"/>.</summary>
        public static FileEdit Replace(IHost host, string path, string newText)
        {
            var previous = host.FileExists(path) ? host.ReadAllBytes(path) : null;
            return new FileEdit(host, path, previous, previous == null ? null : Decode(path, previous), newText);
        }

        public void Apply(bool keepBackup) =>
            Host.WriteAllBytesAtomically(Path, _file?.Encode(NewText) ?? Encoding.UTF8.GetBytes(NewText), keepBackup
                && PreviousBytes != null);

        /// <summary>Puts the file back as it was before <see cref="Apply"/>: the old bytes, or no file.</summary>
        public void Revert()
        {
            if (PreviousBytes == null) { if (Host.FileExists(Path)) Host.DeleteFile(Path); }
            else Host.WriteAllBytesAtomically(Path, PreviousBytes, keepBackup: false);
        }

        private static TextFile Decode(string path, byte[] bytes)
        {
            try
            {
                return TextFile.Decode(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"'{path}' is not UTF-8 text, so it is not a file this module writes. Nothing was written.");
            }
        }
    }
}
