using WsoClusterPS.Engine.Files;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>One node's part of step 2: its deployment.toml edit and, when a driver was given, the driver copy.</summary>
    public sealed class NodeDatabasePlan
    {
        public NodeDatabasePlan(NodeRecord node, FileEdit toml, JdbcDriver driver)
        {
            Node = node;
            Toml = toml;
            Driver = driver;
        }

        public NodeRecord Node { get; }
        public FileEdit Toml { get; }

        /// <summary>Null when no driver jar was given.</summary>
        public JdbcDriver Driver { get; }
    }
}
