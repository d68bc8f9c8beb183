using System;
using System.Collections.Generic;
using System.IO;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// An unpacked pack's tree, walked without following links: folders, files, and links that
    /// point inside the pack (kept as links, relative); a link that points outside refuses the pack,
    /// so no file from outside it is ever copied into a node.
    /// </summary>
    internal sealed class FolderTree
    {
        private FolderTree(string root) => Root = root;

        public string Root { get; }

        /// <summary>Folders, '/'-separated and relative to the root, parents before children.</summary>
        public List<string> Directories { get; } = new List<string>();

        /// <summary>Files with their Unix mode: as stored, or by <see cref="UnixMode.Unstored"/> where the file system has none
        /// (0: the default).</summary>
        public List<(string Relative, long Length, int Mode)> Files { get; } = new List<(string, long, int)>();

        /// <summary>Links, with a target relative to the link's own folder.</summary>
        public List<(string Relative, string Target)> Links { get; } = new List<(string, string)>();

        public string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <param name="withModes">Whether this file system keeps Unix modes; <see cref="UnixMode.Available"/> when not given
        /// (tests force false to walk Windows' path on Linux). Without modes, a link cannot be copied faithfully and is refused.</param>
        public static FolderTree Read(string source, bool? withModes = null)
        {
            var modes = withModes ?? UnixMode.Available;
            var tree = new FolderTree(Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar));
            var pending = new Stack<string>();
            pending.Push(string.Empty);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                foreach (var entry in new DirectoryInfo(tree.Full(folder)).EnumerateFileSystemInfos())
                {
                    var relative = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
                    var link = LinkOf(entry);
                    if ((link != null || (entry.Attributes & FileAttributes.ReparsePoint) != 0) && !modes)
                        throw new InvalidDataException($"'{entry.FullName}' in the pack is a link, and this machine's file system keeps no " +
                            "Unix modes or links to copy faithfully; the pack is refused. Give the pack as its zip, or copy it from a Linux " +
                            "machine.");
                    if (link != null) tree.Links.Add((relative, tree.Inside(entry, link)));
                    else if (entry is DirectoryInfo)
                    {
                        tree.Directories.Add(relative);
                        pending.Push(relative);
                    }
                    else tree.Files.Add((relative, ((FileInfo)entry).Length, modes ? UnixMode.Get(entry.FullName) : UnixMode.Unstored(relative)));
                }
            }
            return tree;
        }

        private static string LinkOf(FileSystemInfo entry)
        {
#if NET
            return entry.LinkTarget;
#else
            return null;
#endif
        }

        /// <summary>The link's target relative to its folder, when it stays inside the pack.</summary>
        private string Inside(FileSystemInfo entry, string target)
        {
            var folder = Path.GetDirectoryName(entry.FullName);
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(folder, target));
            if (resolved != Root && !resolved.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException(
                    $"'{entry.FullName}' in the pack is a link to '{target}', outside the pack; the pack is refused. " +
                    "A pack's links must point inside it, so nothing from outside is copied into a node.");
#if NET
            return Path.GetRelativePath(folder, resolved).Replace(Path.DirectorySeparatorChar, '/');
#else
            return target;
#endif
        }
    }
}
