using System;
using System.Globalization;
using System.Text;
using System.Threading;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is
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
            var host = node.Host;
            if (host.FileExists(node.Home))
                throw new DestinationNotEmptyException(node.Home);
            if (host.DirectoryHasEntries(node.Home) && !replace)
                throw new DestinationNotEmptyException(node.Home);

            var (parent, leaf) = host.SplitPath(node.Home);
            host.CreateDirectory(parent);
            var tag = Guid.NewGuid().ToString("N").Substring(0, 8);
            var staging = host.Combine(parent, "." + leaf + ".new-" + tag);
            var previous = host.Combine(parent, "." + leaf + ".old-" + tag);
            try
            {
                pack.CopyTo(host, staging, progress, cancel);
                var staged = new NodeRecord(host, staging, node.Name, node.Role, node.Offset, node.ClusterHost, node.ClusterPort,
                    node.Hostname);
                if (node.Offset != 0)
                {
                    // The recipe and WSO2's docs write the offset as a string.
                    FileEdit.OfToml(host, staged.DeploymentToml, toml => toml.SetString("server", "offset",
                        node.Offset.ToString(CultureInfo.InvariantCulture)))
                            .Apply(keepBackup: false);
                }
                host.WriteAllBytesAtomically(IsLayout.NodeMarker(host, staging), Encoding.UTF8.GetBytes(NodeMarker.Render(node)),
                    keepBackup: false);
                cancel.ThrowIfCancellationRequested();
                SwapIntoPlace(host, staging, node.Home, previous);
            }
            finally
            {
                host.DeleteTree(staging);
            }
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
