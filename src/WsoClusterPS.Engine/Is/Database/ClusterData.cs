using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>
    /// Whether the cluster's databases already hold what IS wrote (at its first start it adds the
    /// console and My Account applications, the admin user, the registry): then a key that
    /// encrypted that data cannot be replaced without losing it. MySQL and MariaDB are asked;
    /// an embedded H2 holds data once its file exists.
    /// </summary>
    public static class ClusterData
    {
        private static readonly string[] Filled = { "SP_APP", "IDN_OAUTH_CONSUMER_APPS", "IDP", "UM_USER", "REG_RESOURCE" };

        /// <param name="account">The account to ask the server with; null: the one deployment.toml gives in plain text.</param>
        /// <returns>Where data was found, in words; null when no database holds any.</returns>
        /// <exception cref="InvalidOperationException">Whether a database holds data cannot be told from here.</exception>
        public static string Find(IReadOnlyList<(NodeRecord Node, TomlEditor Toml)> nodes, DatabaseAccount account)
        {
            var asked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (node, toml) in nodes)
            {
                foreach (var table in new[] { DeploymentKeys.IdentityDatabase, DeploymentKeys.SharedDatabase })
                {
                    var datasource = Datasources.Find(toml).FirstOrDefault(d => d.Table == table);
                    var found = datasource == null || datasource.IsEmbedded ? EmbeddedData(node, toml, table)
                        : asked.Add(datasource.Location) ? ServerData(node, toml, table, datasource, account) : null;
                    if (found != null) return found;
                }
            }
            return null;
        }

        private static string EmbeddedData(NodeRecord node, TomlEditor toml, string table)
        {
            var url = toml.Get(table, "url") as string;
            var relative = url != null && url.StartsWith("jdbc:h2:", StringComparison.OrdinalIgnoreCase)
                ? url.Substring("jdbc:h2:".Length).Split(';')[0]
                : "./repository/database/" + (table == DeploymentKeys.IdentityDatabase ? "WSO2IDENTITY_DB" : "WSO2SHARED_DB");
            var host = node.Host;
            var path = relative.StartsWith("/", StringComparison.Ordinal) ? relative
                : host.Combine(new[] { node.Home }.Concat(relative.Split('/').Where(p => p != "." && p.Length > 0)).ToArray());
            var file = new[] { path + ".mv.db", path + ".h2.db" }.FirstOrDefault(host.FileExists);
            return file == null ? null : $"node '{node.Name}' keeps [{table}] in the embedded H2 {file} on {host.Name}";
        }

        private static string ServerData(NodeRecord node, TomlEditor toml, string table, Datasource datasource, DatabaseAccount account)
        {
            var location = datasource.Location;
            if (!location.StartsWith("mysql://", StringComparison.OrdinalIgnoreCase) &&
                !location.StartsWith("mariadb://", StringComparison.OrdinalIgnoreCase))
                throw CannotTell(location, "only MySQL and MariaDB are asked here");
            var password = account?.Password ?? XmlElementText.Read(toml.Get(table, "password") as string);
            var user = account?.User ?? XmlElementText.Read(toml.Get(table, "username") as string);
            if (password == null || password.StartsWith("$secret{", StringComparison.Ordinal) || user == null)
                throw CannotTell(location, "deployment.toml seals its password; give -DatabaseCredential");
            var endpoint = datasource.Server;
            var colon = endpoint.LastIndexOf(':');
            var database = location.Substring(location.LastIndexOf('/') + 1);
            using (var tunnel = node.Host.OpenTunnel(endpoint.Substring(0, colon).Trim('[', ']'), int.Parse(endpoint.Substring(colon + 1),
                       System.Globalization.CultureInfo.InvariantCulture)))
            {
                var holding = TableRows.Holding(new DatabaseServer(tunnel.Host, tunnel.Port, user, password, endpoint + tunnel.Route),
                    database, Filled);
                return holding.Count == 0 ? null : $"{location} ([{table}]) has rows in {string.Join(", ", holding)}";
            }
        }

        private static InvalidOperationException CannotTell(string location, string why) =>
            new InvalidOperationException($"Whether {location} already holds data cannot be told: {why}. Nothing was written.");
    }
}
