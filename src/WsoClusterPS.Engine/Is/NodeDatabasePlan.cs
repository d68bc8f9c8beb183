using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Files;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>One node's part of step 2: its deployment.toml edit and, when a driver was given, the driver copy.</summary>
    public sealed class NodeDatabasePlan
    {
        public NodeDatabasePlan(NodeRecord node, Secrets.VaultEdit files, JdbcDriver driver, IReadOnlyList<Datasource> leftBehind)
        {
            Node = node;
            Files = files;
            Driver = driver;
            LeftBehind = leftBehind;
        }

        public NodeRecord Node { get; }

        /// <summary>deployment.toml and, with Secure Vault, secret-conf.properties.</summary>
        public Secrets.VaultEdit Files { get; }

        public FileEdit Toml => Files.Toml;

        /// <summary>Secure Vault's secret-conf.properties; null when the password is written as it is.</summary>
        public FileEdit SecretConf => Files.SecretConf;

        /// <summary>Null when no driver jar was given.</summary>
        public JdbcDriver Driver { get; }

        /// <summary>Datasources that the edited file still points at an embedded H2 or at another server.</summary>
        public IReadOnlyList<Datasource> LeftBehind { get; }

        /// <summary>Why each datasource left behind matters, and what to do.</summary>
        public IEnumerable<string> LeftBehindWarnings(DatabaseSettings settings) => LeftBehind.Select(d =>
            $"Node '{Node.Name}': [{d.Table}] stays on {d.Location}, not on {settings.Server}:{settings.Port}, so " +
            (d.IsEmbedded ? "each node keeps its own copy of its data. " : "it is not the database the other datasources moved to. ") +
            (d.Share == DatasourceShare.AgentIdentity
                ? "Give -AgentIdentityDatabase to move it."
                : "Create its database from the pack's dbscripts and point the table at it by hand; see docs/databases.md."));
    }
}
