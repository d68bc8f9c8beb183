using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.MySql;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>
    /// Step 2 as a workflow: plan every node's file and driver first (a broken file is reported
    /// before the database is touched), create the schema once from one node's pack, then copy
    /// drivers and write files on every host at once; a node whose driver could not be copied
    /// keeps its old deployment.toml.
    /// </summary>
    public static class DatabaseSetup
    {
        /// <summary>One node's plan, read on its own host; nothing is written.</summary>
        /// <param name="localDriverJar">The driver jar on this machine, or null.</param>
        /// <param name="keystorePassword">With it, the password goes into [secrets] as Secure Vault ciphertext made with
        /// the node's own keystore, and secret-conf.properties is planned too; null writes it as it is.</param>
        /// <param name="alsoEdit">Other settings written in the same edit, before the database's (a cluster plan's clustering).</param>
        public static NodeDatabasePlan Plan(NodeRecord node, DatabaseSettings settings, string localDriverJar,
            string keystorePassword = null, Action<Toml.TomlEditor> alsoEdit = null)
        {
            var edit = Secrets.VaultEdit.Plan(node, keystorePassword, (toml, secrets) =>
            {
                alsoEdit?.Invoke(toml);
                settings.ApplyTo(toml, secrets);
            });
            var warnings = settings.Warnings(node.Name, Toml.TomlEditor.Parse(edit.Toml.OldText, edit.Toml.Path)).ToList();
            if (localDriverJar == null && !JdbcDriver.Present(node.Host, node.Home))
                warnings.Add($"Node '{node.Name}': {IsLayout.LibFolder(node.Host, node.Home)} on {node.Host.Name} holds no MySQL JDBC " +
                    "driver (mysql-connector-*.jar), so IS will not start on this database. Give -JdbcDriverPath with the MySQL " +
                    "Connector/J jar.");
            return new NodeDatabasePlan(node, edit, localDriverJar == null ? null : JdbcDriver.Plan(node.Host, node.Home, localDriverJar),
                warnings);
        }

        /// <summary>
        /// Creates the databases and runs the pack's scripts, skipping those already installed. The
        /// server is reached as the nodes reach it: from their machine, through SSH when remote.
        /// </summary>
        /// <param name="admin">An account that may create databases, or null to use the nodes' own.</param>
        public static IReadOnlyList<SchemaScriptResult> CreateSchema(NodeRecord source, DatabaseSettings settings, DatabaseAccount admin,
            Action<SchemaProgress> progress, CancellationToken cancel)
        {
            var targets = SchemaCatalogue.For(source.Host, source.Home, settings);
            using (var tunnel = source.Host.OpenTunnel(settings.Server, settings.Port))
            {
                var shownAs = $"{settings.Server}:{settings.Port}{tunnel.Route}";
                var account = new DatabaseServer(tunnel.Host, tunnel.Port, settings.User, settings.Password, shownAs);
                var adminServer = admin == null ? null : new DatabaseServer(tunnel.Host, tunnel.Port, admin.User, admin.Password, shownAs);
                return SchemaInstaller.Install(account, adminServer, targets, progress, cancel);
            }
        }

        /// <summary>The pack's scripts that <see cref="CreateSchema"/> would run now, asked of the server as the nodes reach
        /// it; nothing is changed.</summary>
        public static IReadOnlyList<string> PendingSchema(NodeRecord source, DatabaseSettings settings)
        {
            var targets = SchemaCatalogue.For(source.Host, source.Home, settings);
            using (var tunnel = source.Host.OpenTunnel(settings.Server, settings.Port))
                return SchemaInstaller.Pending(new DatabaseServer(tunnel.Host, tunnel.Port, settings.User, settings.Password,
                    $"{settings.Server}:{settings.Port}{tunnel.Route}"), targets);
        }

    }
}
