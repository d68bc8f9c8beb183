using System.Globalization;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// The open connections to a node's HTTP and HTTPS ports, as its own host's kernel lists them
    /// (/proc/net/tcp and tcp6): how a drain knows that the requests NGINX had in flight are done.
    /// </summary>
    public static class NodeConnections
    {
        private const string Established = "01";

        /// <summary>The established connections whose local end is the node's HTTP or HTTPS port; -1 where the host has no
        /// /proc/net/tcp to read.</summary>
        public static int Open(NodeRecord node)
        {
            // cat, not a file read: /proc files report no length, and SFTP reads by length.
            var listed = node.Host.Run("cat", new[] { "/proc/net/tcp", "/proc/net/tcp6" }, TimeSpan.FromSeconds(30));
            if (listed.Output.Length == 0) return -1;
            var ports = new[] { IsPorts.Https(node.Offset), IsPorts.Http(node.Offset) };
            return listed.Output.Split('\n').Select(l => l.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                .Count(f => f.Length > 3 && f[3] == Established && LocalPort(f[1]) is int port && ports.Contains(port));
        }

        /// <summary>The port of a /proc/net/tcp address, <c>0100007F:24CB</c>.</summary>
        private static int? LocalPort(string address)
        {
            var colon = address.LastIndexOf(':');
            return colon > 0 && int.TryParse(address.Substring(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture,
                out var port) ? port : (int?)null;
        }
    }
}
