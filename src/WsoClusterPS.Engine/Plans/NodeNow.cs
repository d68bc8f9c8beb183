using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A node of a spec as its machine has it now: there or not, running or not, and whether its files were
    /// written after it started (a change it has not taken yet).</summary>
    public sealed class NodeNow
    {
        private NodeNow(NodeRecord onDisk, int? pid, bool changedSinceStart)
        {
            OnDisk = onDisk;
            Pid = pid;
            ChangedSinceStart = changedSinceStart;
        }

        /// <summary>The node as its files say; null when there is no node yet.</summary>
        public NodeRecord OnDisk { get; }
        public int? Pid { get; }
        public bool Running => Pid != null;
        public bool ChangedSinceStart { get; }

        /// <summary>Reads the node at <paramref name="wanted"/>'s home; a home that holds something else is refused.</summary>
        public static NodeNow Read(NodeRecord wanted)
        {
            var host = wanted.Host;
            if (!host.FileExists(wanted.DeploymentToml))
            {
                if (host.FileExists(wanted.Home) || host.DirectoryHasEntries(wanted.Home))
                    throw new SpecException($"'{wanted.Home}' on {host.Name} holds something, but not a WSO2 IS home (it has no " +
                        "repository/conf/deployment.toml), so node '" + wanted.Name + "' cannot be made there. Move what is there " +
                        "away, or give the node another Path; nothing was changed.");
                return new NodeNow(null, null, false);
            }
            var onDisk = NodeReader.Read(host, wanted.Home, role: null, name: null);
            var pid = NodeLifecycle.RunningPid(onDisk);
            var started = pid == null ? null : host.LastWriteTimeUtc(IsLayout.PidFile(host, wanted.Home));
            return new NodeNow(onDisk, pid, started != null && (Later(host, wanted.DeploymentToml, started.Value) ||
                Later(host, IsLayout.SecretConf(host, wanted.Home), started.Value)));
        }

        private static bool Later(IHost host, string path, DateTime than) => host.LastWriteTimeUtc(path) is DateTime written && written > than;
    }
}
