using System;
using System.IO.Compression;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>One entry of a pack's zip below its top folder: where it goes, and what it is.</summary>
    internal sealed class ZipTreeEntry
    {
        public ZipTreeEntry(int index, string relativePath, bool isDirectory, int mode, DateTimeOffset modified, long length,
            string linkTarget = null)
        {
            LinkTarget = linkTarget;
            Index = index;
            RelativePath = relativePath;
            IsDirectory = isDirectory;
            Mode = mode;
            Modified = modified;
            Length = length;
        }

        /// <summary>Its place in <see cref="ZipArchive.Entries"/>, to open it from another ZipArchive of the same file.</summary>
        public int Index { get; }

        /// <summary>The path below the prefix, with '/' separators; a folder's without its trailing '/'.</summary>
        public string RelativePath { get; }

        public bool IsDirectory { get; }

        /// <summary>Where a symbolic link entry points (checked to stay inside the tree), or null for a file or folder.</summary>
        public string LinkTarget { get; }

        /// <summary>The Unix mode the zipper stored, or 0 when it stored none.</summary>
        public int Mode { get; }

        public DateTimeOffset Modified { get; }
        public long Length { get; }
    }
}
