using System;
using System.Linq;
using System.Text;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Text;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>
    /// Which systemd unit runs a node, read from files only (no command starts): the unit Install-IsNodeService recorded in
    /// the node's home, or else, for a running node, the unit whose cgroup holds its process, taken only when that unit's file
    /// runs this very home (a node started from an SSH session sits in sshd's cgroup on hosts without logind).
    /// </summary>
    public static class NodeUnit
    {
        private const string RecordKey = "unit=";

        /// <summary>Where systemd reads unit files, the admin's first (systemd.unit(5)).</summary>
        private static readonly string[] SearchPath = { UnitFile.Directory, "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system" };

        /// <summary>The file in the node's home that names its unit: the module's, like the node marker; WSO2 IS ignores it.</summary>
        public static string RecordPath(NodeRecord node) => node.Host.Combine(node.Home, ".wsoclusterps-service");

        public static string RenderRecord(string unitPath) =>
            "# Written by WsoClusterPS (Install-IsNodeService): the systemd unit that runs this node. WSO2 IS ignores this file.\n" +
            RecordKey + unitPath + "\n";

        /// <summary>The unit's name (wso2is-node1.service), or null when no unit runs the node.</summary>
        /// <param name="pid">The node's running process, if any: its cgroup names a unit the module did not write.</param>
        public static string Find(NodeRecord node, int? pid)
        {
            var recorded = Recorded(node);
            if (recorded != null && node.Host.FileExists(recorded)) return node.Host.SplitPath(recorded).Leaf;
            return pid is int running ? RunningUnder(node, running) : null;
        }

        /// <summary>The unit file path recorded in the node's home, or null; a record naming anything but a unit file in
        /// /etc/systemd/system counts as none (the home's owner may write it, and root acts on it).</summary>
        public static string Recorded(NodeRecord node)
        {
            var path = RecordPath(node);
            if (!node.Host.FileExists(path)) return null;
            var line = TextFile.Read(node.Host, path).Text.Split('\n').FirstOrDefault(l => l.StartsWith(RecordKey, StringComparison.Ordinal));
            var unit = line?.Substring(RecordKey.Length).TrimEnd('\r');
            return UnitFile.IsUnitPath(unit) ? unit : null;
        }

        /// <summary>The service whose cgroup holds the process, whatever it runs; null for none (a login session, a
        /// container's root).</summary>
        public static string Cgroup(IHost host, int pid)
        {
            var cgroup = "/proc/" + pid + "/cgroup";
            if (!host.FileExists(cgroup)) return null;
            // cgroup v2: "0::/system.slice/wso2is.service"; v1 adds "1:name=systemd:/system.slice/wso2is.service".
            return Encoding.ASCII.GetString(host.ReadAllBytes(cgroup)).Split('\n')
                .Select(l => l.Split(new[] { ':' }, 3)).Where(f => f.Length == 3)
                .Select(f => f[2].Split('/').LastOrDefault(s => s.EndsWith(".service", StringComparison.Ordinal)))
                .FirstOrDefault(u => u != null);
        }

        private static string RunningUnder(NodeRecord node, int pid)
        {
            var unit = Cgroup(node.Host, pid);
            if (unit == null) return null;
            var file = SearchPath.Select(d => d + "/" + unit).FirstOrDefault(node.Host.FileExists);
            return file != null && Runs(TextFile.Read(node.Host, file).Text, node) ? unit : null;
        }

        /// <summary>Whether a unit's text runs this node: its WorkingDirectory is the home, or it starts the home's wso2server.sh.</summary>
        private static bool Runs(string unitText, NodeRecord node)
        {
            var script = IsLayout.ServerScript(node.Host, node.Home);
            return unitText.Split('\n').Select(l => l.Trim().Replace("%%", "%")).Any(l =>
                l == "WorkingDirectory=" + node.Home || l == "WorkingDirectory=" + node.Home + "/" ||
                (l.StartsWith("ExecStart=", StringComparison.Ordinal) && l.Contains(script)));
        }
    }
}
