using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>Makes an IS node from a pack: unpack, set the offset, note the role, then move into place.</summary>
    public static class NodeInstaller
    {
        /// <summary>
        /// Builds the node in a hidden staging folder beside <see cref="NodeRecord.Home"/> and
        /// renames it into place only when complete, so a failed or cancelled copy leaves nothing
        /// behind and a replaced node (<paramref name="replace"/>) is never half old, half new.
        /// </summary>
        public static void Install(PackSource pack, NodeRecord node, bool replace, Action<TransferProgress> progress,
            CancellationToken cancel)
        {
            try
            {
                InstallStaged(pack, node, replace, progress, cancel);
            }
            finally
            {
                // A shared pack waits for every host to take it or leave it.
                pack.Release(node.Host);
            }
        }

        private static void InstallStaged(PackSource pack, NodeRecord node, bool replace, Action<TransferProgress> progress,
            CancellationToken cancel)
        {
            var host = node.Host;
            if (host.FileExists(node.Home))
                throw new DestinationNotEmptyException(node.Home);
            if (host.DirectoryHasEntries(node.Home) && !replace)
                throw new DestinationNotEmptyException(node.Home);

            var (parent, leaf) = host.SplitPath(node.Home);
            host.CreateDirectory(parent);
            ClearLeftovers(host, parent, leaf);
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            var staging = host.Combine(parent, StagingPrefix(leaf) + FileLock.Holder() + "-" + tag);
            var previous = host.Combine(parent, "." + leaf + ".old-" + tag);
            try
            {
                pack.CopyTo(host, staging, progress, cancel);
                Prepare(pack, node, staging);
                cancel.ThrowIfCancellationRequested();
                SwapIntoPlace(host, staging, node.Home, previous);
            }
            finally
            {
                host.DeleteTree(staging);
            }
        }

        /// <summary>
        /// Makes each node, on all their hosts at once (<see cref="PerHost.Run"/>); a local zip going to several hosts is
        /// inflated once for all of them. Each node's outcome is its own: one host failing stops none of the others.
        /// </summary>
        /// <param name="progress">Each node's progress, by its index.</param>
        /// <param name="meanwhile">Called on the calling thread while the hosts work.</param>
        public static IReadOnlyList<Outcome<NodeRecord>> InstallAll(IReadOnlyList<(PackSource Pack, NodeRecord Node)> installs,
            bool replace, Func<int, Action<TransferProgress>> progress, Action meanwhile, CancellationToken cancel)
        {
            var oneHostEach = installs.Select(i => i.Node.Host).Distinct().Count() == installs.Count;
            var shared = installs.Count > 1 && oneHostEach && installs.All(i => i.Pack == installs[0].Pack)
                ? installs[0].Pack.SharedAmong(installs.Count) : null;
            return PerHost.Run(Enumerable.Range(0, installs.Count).ToList(), i => installs[i].Node.Host, i =>
            {
                var (pack, node) = installs[i];
                Install(shared ?? pack, node, replace, progress(i), cancel);
                return NodeReader.Read(node.Host, node.Home, role: null, name: null);
            }, meanwhile);
        }

        /// <summary>
        /// Sets the offset and notes the node in the staging copy, and reads it back as a node, so a
        /// pack whose deployment.toml does not parse fails here, before anything is in place; the
        /// error names the pack's own file, not the staging copy.
        /// </summary>
        private static void Prepare(PackSource pack, NodeRecord node, string staging)
        {
            var host = node.Host;
            try
            {
                if (node.Offset != 0)
                {
                    // The recipe and WSO2's docs write the offset as a string.
                    FileEdit.OfToml(host, IsLayout.DeploymentToml(host, staging),
                        toml => toml.SetString("server", "offset",
                            node.Offset.ToString(CultureInfo.InvariantCulture))).Apply(keepBackup: false);
                }
                NodeReader.Read(host, staging, node.Role, node.Name);
            }
            catch (TomlEditException e)
            {
                throw new TomlEditException(pack.Describe(IsLayout.DeploymentTomlEntry), e.Line, e.Column, e.Problem);
            }
            host.WriteAllBytesAtomically(IsLayout.NodeMarker(host, staging), Encoding.UTF8.GetBytes(NodeMarker.Render(node)),
                keepBackup: false);
        }

        private static string StagingPrefix(string leaf) => "." + leaf + ".new-";

        /// <summary>How long another machine's run may take to build a node (a large pack over a slow link, unzip's 30 minutes)
        /// before what it left beside the node counts as abandoned.</summary>
        private static readonly TimeSpan StagingLifetime = TimeSpan.FromHours(6);

        /// <summary>
        /// What a killed run left beside the node: its staging copy (hundreds of MB), the zip it was
        /// sending and the folder it was unzipping into, all named after the staging copy. Removed
        /// when the run that made them is surely gone.
        /// </summary>
        private static void ClearLeftovers(IHost host, string parent, string leaf)
        {
            var leftover = new Regex(@"\A" + Regex.Escape(StagingPrefix(leaf)) + @"(?<holder>[^/]+)-[0-9a-f]{8}(\.zip|\.unzip)?\z",
                RegexOptions.CultureInvariant);
            bool Stale(string name) => leftover.Match(name) is Match m && m.Success &&
                                       FileLock.IsAbandoned(m.Groups["holder"].Value, StagingLifetime);
            foreach (var name in host.ListDirectories(parent).Where(Stale)) host.DeleteTree(host.Combine(parent, name));
            foreach (var name in host.ListFiles(parent).Where(Stale)) host.DeleteFile(host.Combine(parent, name));
        }

        private static void SwapIntoPlace(IHost host, string staging, string home, string previous)
        {
            var hadPrevious = host.DirectoryExists(home);
            if (hadPrevious) host.MoveDirectory(home, previous);
            try
            {
                host.MoveDirectory(staging, home);
            }
            catch
            {
                if (hadPrevious) host.MoveDirectory(previous, home);
                throw;
            }
            if (hadPrevious) host.DeleteTree(previous);
        }
    }
}
