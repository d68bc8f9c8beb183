using System;
using System.Collections.Generic;
using System.IO.Compression;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// A pack's entries, checked once for every way a pack is unpacked (here, into tar over SSH, or
    /// by unzip there): no name climbs out of the node, and a link is kept only when it points
    /// inside the node; one that points outside refuses the pack.
    /// </summary>
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
                if (!Inside(relative))
                    throw new System.IO.InvalidDataException($"The zip entry '{entry.FullName}' points outside the destination folder; " +
                        "the pack is refused.");
                var link = !isDirectory && UnixMode.IsLinkEntry(entry) ? LinkTarget(entry, relative) : null;
                yield return new ZipTreeEntry(i, relative, isDirectory, UnixMode.OfZipEntry(entry), entry.LastWriteTime,
                    isDirectory || link != null ? 0 : entry.Length, link);
            }
        }

        private static string LinkTarget(ZipArchiveEntry entry, string relative)
        {
            string target;
            using (var reader = new System.IO.StreamReader(entry.Open(), System.Text.Encoding.UTF8)) target = reader.ReadToEnd();
            if (!LinkStaysInside(relative, target))
                throw new System.IO.InvalidDataException(
                    $"The zip entry '{entry.FullName}' is a link to '{target}', outside the node; the pack is refused. " +
                    "A pack's links must point inside it.");
            return target;
        }

        /// <summary>Whether a link at <paramref name="relative"/> (from the node's root) to <paramref name="target"/>
        /// points inside the node.</summary>
        public static bool LinkStaysInside(string relative, string target)
        {
            var folder = relative.Contains("/") ? relative.Substring(0, relative.LastIndexOf('/') + 1) : string.Empty;
            return target.Length > 0 && target.IndexOf('\0') < 0 && !target.StartsWith("/", StringComparison.Ordinal)
                && Inside(folder + target);
        }

        /// <summary>Whether a '/'-separated path, read from the node's root, stays inside it (.. never climbs above it).</summary>
        private static bool Inside(string relative)
        {
            if (relative.StartsWith("/", StringComparison.Ordinal) || relative.Contains("\\")) return false;
            var depth = 0;
            foreach (var part in relative.Split('/'))
            {
                if (part == "..") depth--;
                else if (part.Length > 0 && part != ".") depth++;
                if (depth < 0) return false;
            }
            return true;
        }
    }
}
