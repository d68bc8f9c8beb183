using WsoClusterPS.Engine.Is.Nodes;


namespace WsoClusterPS.Engine.Plans
{
    /// <summary>One entry of a spec's Nodes: New-IsClusterNode's parameters, the machine and the state.</summary>
    public sealed class NodeSpec
    {
        /// <summary>Null for this machine.</summary>
        public string ComputerName { get; set; }
        public string Path { get; set; }
        public string Name { get; set; }
        public NodeRole Role { get; set; } = NodeRole.Worker;
        public int Offset { get; set; }
        public string ClusterHost { get; set; }
        public int? ClusterPort { get; set; }
        public NodeState State { get; set; } = NodeState.Running;

        internal static NodeSpec Read(SpecTable table)
        {
            var node = new NodeSpec
            {
                ComputerName = ClusterSpec.Machine(table.String(nameof(ComputerName))),
                Path = table.String(nameof(Path)) ?? throw new SpecException($"{table.Where} has no Path: give the node's IS home."),
                Name = table.String(nameof(Name)),
                Role = table.Enum<NodeRole>(nameof(Role)) ?? NodeRole.Worker,
                Offset = table.Int(nameof(Offset), 0, 50000) ?? 0,
                ClusterHost = table.String(nameof(ClusterHost)),
                ClusterPort = table.Int(nameof(ClusterPort), 1, 65535),
                State = table.Enum<NodeState>(nameof(State)) ?? NodeState.Running,
            };
            table.RefuseUnknownKeys();
            return node;
        }
    }
}
