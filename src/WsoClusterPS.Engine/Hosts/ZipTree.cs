using System;
using System.Collections.Generic;
using System.IO.Compression;

namespace WsoClusterPS.Engine.Hosts
{
    internal static class ZipTree
    {
        /// <summary>The entries under <paramref name="prefix"/> (the pack's top folder, "wso2is-7.1.0/"), the prefix
        /// itself left out.</summary>
        public static IEnumerable<ZipTreeEntry> Under(ZipArchive zip, string prefix)
        {
            for (var i = 0; i < zip.Entries.Count; i++)
            {
                var entry = zip.Entries[i];
                if (!entry.FullName.StartsWith(prefix, StringComparison.Ordinal) || entry.FullName.Length == prefix.Length) continue;
                var isDirectory = entry.FullName.EndsWith("/", StringComparison.Ordinal);
                var relative = entry.FullName.Substring(prefix.Length).TrimEnd('/');
                if (relative.StartsWith("/", StringComparison.Ordinal) || Array.IndexOf(relative.Split('/', '\\'), "..") >= 0)
                    throw new System.IO.InvalidDataException($"The zip entry '{entry.FullName}' points outside the destination folder; " +
                        "the pack is refused.");
                yield return new ZipTreeEntry(i, relative, isDirectory, UnixMode.OfZipEntry(entry), entry.LastWriteTime, isDirectory
                    ? 0 : entry.Length);
            }
        }
    }
}
