using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>
    /// An IS pack on this machine: the zip WSO2 ships (entries under one top folder such as
    /// <c>wso2is-7.1.0/</c>), or a folder holding an unpacked one.
    /// </summary>
    public sealed class PackSource
    {
        private const string Marker = "repository/conf/deployment.toml";

        private PackSource(string path, bool isZip, string root)
        {
            Path = path;
            IsZip = isZip;
            Root = root;
        }

        public string Path { get; }
        public bool IsZip { get; }

        /// <summary>For a zip, the entry prefix of IS_HOME ("" or "wso2is-7.1.0/"); for a folder, the IS_HOME inside it.</summary>
        public string Root { get; }

        /// <summary>Finds IS_HOME in the pack; refuses anything without repository/conf/deployment.toml.</summary>
        public static PackSource Open(string path)
        {
            if (Directory.Exists(path)) return OpenFolder(path);
            if (!File.Exists(path)) throw new PackException($"The pack '{path}' does not exist. Give the path of a WSO2 IS zip or unpacked folder.");
            return OpenZip(path);
        }

        public void CopyTo(IHost host, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            if (IsZip) host.UnpackZip(Path, Root, destination, progress, cancel);
            else host.CopyTree(Root, destination, progress, cancel);
        }

        private static PackSource OpenZip(string path)
        {
            string[] names;
            try
            {
                using (var zip = ZipFile.OpenRead(path)) names = zip.Entries.Select(e => e.FullName).ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new PackException($"The pack '{path}' is not a readable zip ({e.Message}). Give a WSO2 IS zip or unpacked folder.", e);
            }

            if (names.Contains(Marker)) return new PackSource(path, true, string.Empty);
            var top = names.Select(n => n.Split('/')[0]).Distinct().ToList();
            if (top.Count == 1 && names.Contains(top[0] + "/" + Marker)) return new PackSource(path, true, top[0] + "/");
            throw NotAPack(path);
        }

        private static PackSource OpenFolder(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (File.Exists(System.IO.Path.Combine(full, "repository", "conf", "deployment.toml"))) return new PackSource(full, false, full);
            var children = Directory.GetFileSystemEntries(full);
            if (children.Length == 1 && File.Exists(System.IO.Path.Combine(children[0], "repository", "conf", "deployment.toml")))
                return new PackSource(full, false, children[0]);
            throw NotAPack(path);
        }

        private static PackException NotAPack(string path) =>
            new PackException($"'{path}' is not a WSO2 IS pack: it has no {Marker} (at its root or under one top folder). Give the zip WSO2 ships, or its unpacked folder; nothing was created.");
    }
}
