using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>
    /// One datasource a deployment.toml defines: its table, which cluster database it belongs to,
    /// and where it points now, read the way WSO2 reads it (a url wins over hostname, port and name).
    /// </summary>
    public sealed class Datasource
    {
        private static readonly Regex ServerUrl = new Regex(
            // SQL Server names its database as a property: jdbc:sqlserver://host:1433;databaseName=users
            @"\Ajdbc:(?<type>[a-z0-9]+)://(?<host>\[[^\]]+\]|[^/:?;]+)(:(?<port>[0-9]+))?(/(?<name>[^?;]*)|;(?:databaseName|database)=(?<name>[^;]*)|(?=;|\z))",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public Datasource(string table, bool isDatabaseTable, bool present, DatasourceShare share, string type, string url,
            string hostname, string port, string name)
        {
            Table = table;
            HasPlaceholder = new[] { type, url, hostname, port, name }.Any(v => v != null &&
                (v.Contains("$env{") || v.Contains("$sys{")));
            IsDatabaseTable = isDatabaseTable;
            Present = present;
            Share = share;
            var match = url == null ? null : ServerUrl.Match(url);
            if (!present || IsH2(type, url) || (url == null && hostname == null))
            {
                IsEmbedded = true;
                Location = !present ? $"the embedded H2 (the file has no [{table}])"
                    : "the embedded H2" + (url == null ? string.Empty : $" ({Before(url.Substring("jdbc:h2:".Length), ';')})");
            }
            else if (match != null && match.Success)
            {
                Server = match.Groups["host"].Value + ":" + (match.Groups["port"].Success ? match.Groups["port"].Value : DefaultPort(type));
                Location = $"{match.Groups["type"].Value.ToLowerInvariant()}://{Server}/{match.Groups["name"].Value}";
            }
            else if (url != null) Location = Before(url, '?');
            else
            {
                Server = hostname + ":" + (port ?? DefaultPort(type));
                Location = $"{(type ?? "mysql").ToLowerInvariant()}://{Server}/{name}";
            }
        }

        /// <summary>The table's address in the file: database.user, datasource.AgentIdentity, datasource[0].</summary>
        public string Table { get; }

        /// <summary>A [database.*] table (type, hostname, port, name); otherwise a datasource entry (url, username, driver).</summary>
        public bool IsDatabaseTable { get; }

        /// <summary>False for identity_db or shared_db that the file leaves out: WSO2 then uses its embedded H2.</summary>
        public bool Present { get; }

        public DatasourceShare Share { get; }

        /// <summary>Where it points is written with $env{…} or $sys{…}: read at IS start-up, not here.</summary>
        public bool HasPlaceholder { get; }
        public bool IsEmbedded { get; }

        /// <summary>host:port, or null when embedded or not known from the url.</summary>
        public string Server { get; }

        /// <summary>Where it points, for messages: mysql://db.example:3306/regdb, or the embedded H2. Never a password: a
        /// url's options are left out.</summary>
        public string Location { get; }

        /// <summary>Whether it points at <paramref name="server"/> (host:port).</summary>
        public bool IsOn(string server) => Server != null && string.Equals(Server, server, StringComparison.OrdinalIgnoreCase);

        private static bool IsH2(string type, string url) =>
            string.Equals(type, "h2", StringComparison.OrdinalIgnoreCase) ||
            (url != null && url.StartsWith("jdbc:h2:", StringComparison.OrdinalIgnoreCase));

        private static string DefaultPort(string type)
        {
            switch ((type ?? "mysql").ToLowerInvariant())
            {
                case "postgre":
                case "postgresql": return "5432";
                case "mssql":
                case "sqlserver": return "1433";
                case "oracle": return "1521";
                case "db2": return "50000";
                default: return 3306.ToString(CultureInfo.InvariantCulture);
            }
        }

        private static string Before(string text, char end)
        {
            var at = text.IndexOf(end);
            return at < 0 ? text : text.Substring(0, at);
        }
    }
}
