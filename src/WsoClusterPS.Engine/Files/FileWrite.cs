using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Files
{
    /// <summary>A whole file (a keystore) planned for a host, written atomically under the file's lock; its bytes are never
    /// shown.</summary>
    public sealed class FileWrite
    {
        public FileWrite(IHost host, string path, byte[] content, bool holdsSecret, string description)
        {
            Host = host;
            Path = path;
            Content = content;
            HoldsSecret = holdsSecret;
            Description = description;
            Existed = host.FileExists(path);
        }

        public IHost Host { get; }
        public string Path { get; }
        public byte[] Content { get; }

        /// <summary>Key material: the file (and its backup) readable by its owner only.</summary>
        public bool HoldsSecret { get; }

        /// <summary>What is written, as -WhatIf says it: never the bytes.</summary>
        public string Description { get; }

        /// <summary>A file was there when planned: it is replaced, not created.</summary>
        public bool Existed { get; }

        public void Apply(bool keepBackup, LockWait? wait = null)
        {
            using (Host.Lock(Path, wait ?? FileLock.DefaultWait))
                Host.WriteAllBytesAtomically(Path, Content, keepBackup && Host.FileExists(Path), replaceReadOnly: false, HoldsSecret);
        }
    }
}
