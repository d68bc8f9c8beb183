using System;
using System.IO;
using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>One planned change to a config file on a host: old and new text, and how to apply it.</summary>
    public sealed class FileEdit
    {
        private readonly TextFile _file;

        private FileEdit(IHost host, string path, TextFile file, string newText)
        {
            Host = host;
            Path = path;
            _file = file;
            NewText = newText;
        }

        public IHost Host { get; }
        public string Path { get; }
        public string OldText => _file.Text;
        public string NewText { get; }
        public bool Changed => !string.Equals(OldText, NewText, StringComparison.Ordinal);
        public string Diff => UnifiedDiff.Create(OldText, NewText, Path);

        /// <summary>Reads and parses a TOML file on the host and plans <paramref name="edit"/> on it; writes nothing.</summary>
        public static FileEdit OfToml(IHost host, string path, Action<TomlEditor> edit)
        {
            if (!host.FileExists(path))
                throw new FileNotFoundException($"'{path}' does not exist. Check that the node's home is a WSO2 IS home (New-IsClusterNode makes one).", path);
            TextFile file;
            try
            {
                file = TextFile.Decode(host.ReadAllBytes(path));
            }
            catch (DecoderFallbackException)
            {
                throw new TomlEditException(path, 0, 0, "is not UTF-8 text, so it is not a deployment.toml WSO2 can read");
            }
            var toml = TomlEditor.Parse(file.Text, path);
            edit(toml);
            return new FileEdit(host, path, file, toml.Text);
        }

        public void Apply(bool keepBackup) => Host.WriteAllBytesAtomically(Path, _file.Encode(NewText), keepBackup);
    }
}
