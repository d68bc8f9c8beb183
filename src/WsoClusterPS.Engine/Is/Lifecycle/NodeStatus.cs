using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>A node's process as its host shows it now: from the pid file Carbon writes, /proc and /proc/net, over the
    /// host's open file channel (no command is started).</summary>
    public sealed class NodeStatus
    {
        private NodeStatus(RunState state, int? pid)
        {
            State = state;
            Pid = pid;
        }

        public RunState State { get; }

        /// <summary>The running process's id; null when none runs.</summary>
        public int? Pid { get; }

        public static NodeStatus NotRead { get; } = new NodeStatus(RunState.Unknown, null);

        public static NodeStatus Read(NodeRecord node)
        {
            var host = node.Host;
            if (!Processes.CanTell(host)) return NotRead;
            var pid = NodeLifecycle.RunningPid(node);
            if (pid == null) return new NodeStatus(RunState.Stopped, null);
            return new NodeStatus(Processes.Listens(host, IsPorts.Https(node.Offset)) == false ? RunState.Starting : RunState.Running, pid);
        }
    }
}
