using System.Collections.Generic;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>One node's part of step 2: its deployment.toml edit and, when a driver was given, the driver copy.</summary>
    public sealed class NodeDatabasePlan
    {
        public NodeDatabasePlan(NodeRecord node, Secrets.VaultEdit files, JdbcDriver driver, IReadOnlyList<string> warnings)
        {
            Node = node;
            Files = files;
            Driver = driver;
            Warnings = warnings;
        }

        public NodeRecord Node { get; }

        /// <summary>deployment.toml and, with Secure Vault, secret-conf.properties.</summary>
        public Secrets.VaultEdit Files { get; }

        public FileEdit Toml => Files.Toml;

        /// <summary>Secure Vault's secret-conf.properties; null when the password is written as it is.</summary>
        public FileEdit SecretConf => Files.SecretConf;

        /// <summary>Null when no driver jar was given.</summary>
        public JdbcDriver Driver { get; }

        /// <summary>What the admin must hear before anything is written: datasources moved off a server (their data is not
        /// copied) or left out, and a node with no driver.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
