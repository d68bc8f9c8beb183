using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>What removing a node's unit will undo.</summary>
    public sealed class ServiceRemoval
    {
        public ServiceRemoval(NodeRecord node, string name, string path, bool unitExists, bool enabled, bool recorded, bool running)
        {
            Node = node;
            Name = name;
            Path = path;
            UnitExists = unitExists;
            Enabled = enabled;
            Recorded = recorded;
            Running = running;
        }

        public NodeRecord Node { get; }
        public string Name { get; }
        public string Path { get; }
        public bool UnitExists { get; }
        public bool Enabled { get; }

        /// <summary>The node's home records the unit.</summary>
        public bool Recorded { get; }

        /// <summary>The node runs under the unit (only planned with -Force): it is stopped first.</summary>
        public bool Running { get; }

        public bool Changed => UnitExists || Enabled || Recorded;
    }
}
