using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Is.Services;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>A node's process as its host shows it now: from the pid file Carbon writes, /proc and /proc/net, over the
    /// host's open file channel (no command is started); and the systemd unit that runs it.</summary>
    public sealed class NodeStatus
    {
        private NodeStatus(RunState state, int? pid, string service)
        {
            State = state;
            Pid = pid;
            Service = service;
        }

        public RunState State { get; }

        /// <summary>The running process's id; null when none runs.</summary>
        public int? Pid { get; }

        /// <summary>The systemd unit that runs the node (Install-IsNodeService's, or the unit its process runs under); null for
        /// none.</summary>
        public string Service { get; }

        public static NodeStatus NotRead { get; } = new NodeStatus(RunState.Unknown, null, null);

        public static NodeStatus Read(NodeRecord node)
        {
            var host = node.Host;
            if (!Processes.CanTell(host)) return new NodeStatus(RunState.Unknown, null, NodeUnit.Find(node, null));
            var pid = NodeLifecycle.RunningPid(node);
            var service = NodeUnit.Find(node, pid);
            if (pid == null) return new NodeStatus(RunState.Stopped, null, service);
            return new NodeStatus(Processes.Listens(host, IsPorts.Https(node.Offset)) == false ? RunState.Starting : RunState.Running, pid,
                service);
        }
    }
}
