using System;
using System.IO;
using System.IO.Compression;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>
    /// An IS pack on this machine: the zip WSO2 ships (entries under one top folder such as
    /// <c>wso2is-7.1.0/</c>), or a folder holding an unpacked one.
    /// </summary>
    public sealed class PackSource
    {
        private const string Marker = IsLayout.DeploymentTomlEntry;

        private PackSource(string path, bool isZip, string root, IHost onHost = null)
        {
            Path = path;
            IsZip = isZip;
            Root = root;
            OnHost = onHost;
        }

        /// <summary>A local zip's stream when several hosts take it at once (<see cref="SharedAmong"/>); null else.</summary>
        private SharedZip _shared;

        /// <summary>The same pack, for <paramref name="hosts"/> different hosts at once: a local zip is inflated once for them
        /// all. Each host must <see cref="CopyTo"/> or <see cref="Release"/>.</summary>
        public PackSource SharedAmong(int hosts) => OnHost != null || !IsZip ? this
            : new PackSource(Path, IsZip, Root) { _shared = new SharedZip(Path, Root, hosts) };

        /// <summary>The host will not take its share of a shared pack (it failed before, or it is done).</summary>
        public void Release(IHost host) => _shared?.Leave(host);

        /// <summary>The host the pack already lies on, or null for a pack on this machine (to be sent).</summary>
        public IHost OnHost { get; }

        public string Path { get; }
        public bool IsZip { get; }

        /// <summary>For a zip, the entry prefix of IS_HOME ("" or "wso2is-7.1.0/"); for a folder, the IS_HOME inside it.</summary>
        public string Root { get; }

        /// <summary>Finds IS_HOME in the pack; refuses anything without repository/conf/deployment.toml.</summary>
        public static PackSource Open(string path)
        {
            if (Directory.Exists(path)) return OpenFolder(path);
            if (!File.Exists(path)) throw new PackException($"The pack '{path}' does not exist. Give the path of a WSO2 IS zip or " +
                "unpacked folder.");
            return OpenZip(path);
        }

        /// <summary>
        /// A pack that is already on <paramref name="host"/> (a path there, given with
        /// -RemotePackPath): nothing is uploaded. Refused like a local one when it is not an IS pack.
        /// </summary>
        public static PackSource OpenOn(IHost host, string path)
        {
            if (host.DirectoryExists(path))
            {
                if (host.FileExists(IsLayout.DeploymentToml(host, path))) return new PackSource(path, false, path,
                    host);
                throw NotAPack(path + " on " + host.Name);
            }
            if (!host.FileExists(path)) throw new PackException($"The pack '{path}' does not exist on {host.Name}. Give the path of a " +
                "WSO2 IS zip or unpacked folder there.");
            var prefix = IsHomeIn(host.ZipEntries(path));
            if (prefix == null) throw NotAPack(path + " on " + host.Name);
            return new PackSource(path, true, prefix, host);
        }

        /// <summary>How messages name a file of the pack: the zip and its entry, or the file in the folder.</summary>
        public string Describe(string entry) =>
            IsZip ? $"{Path} (entry {Root}{entry})" : (OnHost
                ?? LocalHost.Instance).Combine(new[] { Root }.Concat(entry.Split('/')).ToArray());

        /// <summary>The bytes of one file of a pack on this machine (an entry below IS_HOME, such as
        /// repository/conf/deployment.toml): what a node made from it starts with.</summary>
        public byte[] Read(string entry)
        {
            if (OnHost != null) throw new InvalidOperationException("Only a pack on this machine is read here.");
            if (!IsZip) return File.ReadAllBytes(System.IO.Path.Combine(new[] { Root }.Concat(entry.Split('/')).ToArray()));
            using (var zip = ZipFile.OpenRead(Path))
            using (var stream = (zip.GetEntry(Root + entry) ?? throw NotAPack(Path)).Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        public void CopyTo(IHost host, string destination, Action<TransferProgress> progress, CancellationToken cancel)
        {
            if (OnHost != null && IsZip) host.UnpackZipOnHost(Path, Root, destination, cancel);
            else if (OnHost != null) host.CopyTreeOnHost(Root, destination, cancel);
            else if (IsZip) host.UnpackZip(_shared ?? new SharedZip(Path, Root), destination, progress, cancel);
            else host.CopyTree(Root, destination, progress, cancel);
        }

        /// <summary>The entry prefix of IS_HOME in a zip's entry names: "", a top folder, or null when it is not an IS pack.</summary>
        private static string IsHomeIn(IReadOnlyCollection<string> names)
        {
            if (names.Contains(Marker)) return string.Empty;
            var top = names.Select(n => n.Split('/')[0]).Distinct().ToList();
            return top.Count == 1 && names.Contains(top[0] + "/" + Marker) ? top[0] + "/" : null;
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
                throw new PackException($"The pack '{path}' is not a readable zip ({e.Message}). Give a WSO2 IS zip or unpacked " +
                    "folder.", e);
            }

            var prefix = IsHomeIn(names);
            if (prefix == null) throw NotAPack(path);
            return new PackSource(path, true, prefix);
        }

        private static PackSource OpenFolder(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (File.Exists(IsLayout.DeploymentToml(LocalHost.Instance, full))) return new PackSource(full, false,
                full);
            var children = Directory.GetFileSystemEntries(full);
            if (children.Length == 1 && File.Exists(IsLayout.DeploymentToml(LocalHost.Instance, children[0])))
                return new PackSource(full, false, children[0]);
            throw NotAPack(path);
        }

        private static PackException NotAPack(string path) =>
            new PackException($"'{path}' is not a WSO2 IS pack: it has no {Marker} (at its root or under one top folder). Give the zip " +
                "WSO2 ships, or its unpacked folder; nothing was created.");
    }
}
