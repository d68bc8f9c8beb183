using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>One WSO2 IS node: an IS home on a host, with its ports and cluster address.</summary>
    public sealed class IsNode
    {
        private readonly NodeStatus _status;

        private IsNode(NodeRecord record, Exception unbound = null, NodeStatus status = null)
        {
            Record = record;
            UnboundBecause = unbound;
            _status = status ?? NodeStatus.NotRead;
        }

        public string Name => Record.Name;
        public IsNodeRole Role => Record.Role.ToPublic();

        /// <summary>IS_HOME: the folder holding bin/, repository/ and dbscripts/.</summary>
        public string Home => Record.Home;

        /// <summary>The machine the node lives on.</summary>
        public string ComputerName => Record.Host.Name;

        /// <summary><c>[server] offset</c>: every IS port is shifted by it.</summary>
        public int Offset => Record.Offset;

        public int HttpsPort => IsPorts.Https(Record.Offset);
        public int HttpPort => IsPorts.Http(Record.Offset);

        /// <summary>The address other members reach this node's Hazelcast on (<c>local_member_host</c>).</summary>
        public string ClusterHost => Record.ClusterHost;

        /// <summary>Hazelcast's member port (<c>local_member_port</c>); not shifted by the offset.</summary>
        public int ClusterPort => Record.ClusterPort;

        /// <summary><c>[server] hostname</c>, the name clients use for the cluster.</summary>
        public string Hostname => Record.Hostname;

        public string DeploymentToml => Record.DeploymentToml;

        /// <summary>Whether it runs, as Get-IsClusterNode read it; Unknown when not read.</summary>
        public IsNodeState State => _status.State.ToPublic();

        /// <summary>The running process's id, from Carbon's pid file; null when none runs or the state was not read.</summary>
        public int? Pid => _status.Pid;

        /// <summary>The systemd unit that runs the node (wso2is-node1.service): the one Install-IsNodeService wrote, or the unit
        /// its process runs under; null for none or when the state was not read. Start-, Stop- and Restart-IsNode go through
        /// systemctl for such a node.</summary>
        public string Service => _status.Service;

        internal NodeRecord Record { get; }
        internal IHost Host => Record.Host;

        internal static IsNode From(NodeRecord record) => new IsNode(record);

        /// <summary>The node with its process's state, read from its host.</summary>
        internal static IsNode WithState(NodeRecord record) => new IsNode(record, status: NodeStatus.Read(record));

        /// <summary>An input that did not bind as a node, carried to the cmdlet so it knows; never emitted.</summary>
        internal static IsNode Unbound(Exception why) => new IsNode(null, why);

        /// <summary>Why the input is no node; null for every real node.</summary>
        internal Exception UnboundBecause { get; }

        /// <summary>The node as its files say now, after a cmdlet changed (or was asked only to show) them.</summary>
        internal IsNode Reread() => new IsNode(NodeReader.Reread(Record));

        public override string ToString() => $"{Name} ({Role}, {ComputerName}:{Home})";
    }
}
