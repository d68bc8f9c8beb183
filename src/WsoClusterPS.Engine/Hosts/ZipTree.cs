using System;
using System.Collections.Generic;
using System.IO.Compression;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>One entry of a pack's zip below its top folder: where it goes, and what it is.</summary>
    internal sealed class ZipTreeEntry
    {
        public ZipTreeEntry(int index, string relativePath, bool isDirectory, int mode, DateTimeOffset modified, long length)
        {
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

        /// <summary>The Unix mode the zipper stored, or 0 when it stored none.</summary>
        public int Mode { get; }

        public DateTimeOffset Modified { get; }
        public long Length { get; }
    }

    internal static class ZipTree
    {
        /// <summary>The entries under <paramref name="prefix"/> (the pack's top folder, "wso2is-7.1.0/"), the prefix itself left out.</summary>
        public static IEnumerable<ZipTreeEntry> Under(ZipArchive zip, string prefix)
        {
            for (var i = 0; i < zip.Entries.Count; i++)
            {
                var entry = zip.Entries[i];
                if (!entry.FullName.StartsWith(prefix, StringComparison.Ordinal) || entry.FullName.Length == prefix.Length) continue;
                var isDirectory = entry.FullName.EndsWith("/", StringComparison.Ordinal);
                var relative = entry.FullName.Substring(prefix.Length).TrimEnd('/');
                if (relative.StartsWith("/", StringComparison.Ordinal) || Array.IndexOf(relative.Split('/', '\\'), "..") >= 0)
                    throw new System.IO.InvalidDataException($"The zip entry '{entry.FullName}' points outside the destination folder; the pack is refused.");
                yield return new ZipTreeEntry(i, relative, isDirectory, UnixMode.OfZipEntry(entry), entry.LastWriteTime, isDirectory ? 0 : entry.Length);
            }
        }
    }
}
