using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>What the engine knows of one IS node. The cmdlets show it to users as an IsNode.</summary>
    public sealed class NodeRecord
    {
        public NodeRecord(IHost host, string home, string name, NodeRole role, int offset, string clusterHost, int clusterPort,
            string hostname)
        {
            Host = host;
            Home = home;
            Name = name;
            Role = role;
            Offset = offset;
            ClusterHost = clusterHost;
            ClusterPort = clusterPort;
            Hostname = hostname;
        }

        public IHost Host { get; }
        public string Home { get; }
        public string Name { get; }
        public NodeRole Role { get; }
        public int Offset { get; }
        public string ClusterHost { get; }
        public int ClusterPort { get; }

        /// <summary><c>[server] hostname</c>: the name clients use, which resolves to the load balancer.</summary>
        public string Hostname { get; }

        public string ClusterEndpoint => ClusterHost + ":" + ClusterPort;
        public string DeploymentToml => IsLayout.DeploymentToml(Host, Home);
    }
}
