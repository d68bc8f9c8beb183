using System;
using System.IO;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Unix permission bits of local files. Only the net8.0 build (PowerShell 7) has the API;
    /// the netstandard2.0 build runs in Windows PowerShell, whose files carry no such bits.
    /// </summary>
    internal static class UnixMode
    {
        /// <summary>rw-r--r--: what a new file the module makes gets, as an editor would give it.</summary>
        public static readonly int Default = Convert.ToInt32("644", 8);

        /// <summary>rwxr-xr-x: a script, or a folder of a pack that stored no mode for it.</summary>
        public static readonly int Executable = Convert.ToInt32("755", 8);

        /// <summary>Owner read and write only: for a file that holds a secret.</summary>
        public static readonly int Private = Convert.ToInt32("600", 8);

        /// <summary>The mode a file gets: a new one <see cref="Default"/>, or <see cref="Private"/> when it holds a secret;
        /// an existing one keeps its own, less what group and others may do when it holds a secret.</summary>
        public static int Final(int? existing, bool holdsSecret) =>
            existing is int mode ? (holdsSecret ? mode & ~0x3F : mode) : (holdsSecret ? Private : Default);

        /// <summary>A new file that only its owner may read from the moment it exists: content goes in after its mode is set.</summary>
        public static FileStream CreatePrivate(string path)
        {
#if NET
            if (!System.OperatingSystem.IsWindows())
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
#endif
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }

        public static int Get(string path)
        {
#if NET
            return System.OperatingSystem.IsWindows() ? 0 : (int)File.GetUnixFileMode(path);
#else
            return 0;
#endif
        }

        public static void Set(string path, int mode)
        {
#if NET
            if (!System.OperatingSystem.IsWindows() && mode != 0) File.SetUnixFileMode(path, (UnixFileMode)(mode & 0xFFF));
#endif
        }

        /// <summary>Whether this machine's files carry Unix modes: not on Windows, nor in Windows PowerShell's build.</summary>
        public static bool Available
        {
            get
            {
#if NET
                return !System.OperatingSystem.IsWindows();
#else
                return false;
#endif
            }
        }

        /// <summary>
        /// The mode of a pack file whose source stored none (a zip made on Windows, a folder on a file
        /// system without modes): the pack's shell scripts get rwxr-xr-x, since a wso2server.sh that
        /// cannot be executed cannot start a node; 0, the default, for the rest.
        /// </summary>
        public static int Unstored(string name) => name.EndsWith(".sh", StringComparison.Ordinal) ? Executable : 0;

        /// <summary>
        /// The mode a Unix zipper stored for the entry (high 16 bits of the external attributes),
        /// or 0 to leave the default. A zip made on Windows stores none; its shell scripts still
        /// get rwxr-xr-x, since wso2server.sh that cannot be executed cannot start a node.
        /// </summary>
        public static int OfZipEntry(System.IO.Compression.ZipArchiveEntry entry)
        {
#if NET
            // setuid and setgid are dropped: a pack never needs them, and they would run as the file's owner.
            var mode = (entry.ExternalAttributes >> 16) & 0x3FF;
            return mode == 0 ? Unstored(entry.FullName) : mode;
#else
            return 0;
#endif
        }

        /// <summary>Whether the zipper stored the entry as a symbolic link (its content is the target).</summary>
        public static bool IsLinkEntry(System.IO.Compression.ZipArchiveEntry entry)
        {
#if NET
            return ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;
#else
            return false;
#endif
        }
    }
}
