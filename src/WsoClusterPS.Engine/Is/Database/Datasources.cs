using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>
    /// Every datasource a deployment.toml defines, and which cluster database each must share.
    /// The catalogue, from WSO2's documentation ("Change to MySQL", "Configure a JDBC user store",
    /// the consent and agent-identity datasources); docs/databases.md says it per IS version.
    /// </summary>
    public static class Datasources
    {
        public const string IdentityTable = "database.identity_db";
        public const string SharedTable = "database.shared_db";

        /// <summary>identity_db and shared_db always (absent, they are the embedded H2); every other [database.*],
        /// [datasource.*], [[datasource]] and [bps_database.config] table as the file has it.</summary>
        public static IReadOnlyList<Datasource> Find(TomlEditor toml)
        {
            var realm = toml.Get("realm_manager", "data_source") as string;
            var tables = toml.Tables();
            var found = new List<Datasource> { Read(toml, IdentityTable, tables), Read(toml, SharedTable, tables) };
            foreach (var table in tables.Distinct(StringComparer.Ordinal))
            {
                var (parts, element) = TomlPath.Element(table);
                var isDatabase = element == null && parts.Count == 2 && parts[0] == "database";
                var isEntry = parts.Count == (element == null ? 2 : 1) && parts[0] == "datasource" ||
                              (element == null && parts.Count == 2 && parts[0] == "bps_database" && parts[1] == "config");
                if ((isDatabase || isEntry) && table != IdentityTable && table != SharedTable) found.Add(Read(toml, table, tables, realm));
            }
            return found;
        }

        private static Datasource Read(TomlEditor toml, string table, IReadOnlyList<string> tables, string realm = null)
        {
            string Value(string key) => toml.Get(table, key) is object v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            var isDatabase = table.StartsWith("database.", StringComparison.Ordinal);
            return new Datasource(table, isDatabase, tables.Contains(table), ShareOf(table, Value("id"), realm), Value("type"), Value("url"),
                Value("hostname"), Value("port"), Value("name"));
        }

        /// <summary>
        /// User management (WSO2USER_DB, or the datasource [realm_manager] names) and the registry's
        /// config space live in the shared database's tables (dbscripts/mysql.sql); consent tables are
        /// created in the identity database (dbscripts/consent/mysql.sql); agent identities have their own.
        /// </summary>
        private static DatasourceShare ShareOf(string table, string id, string realm)
        {
            switch (table)
            {
                case IdentityTable:
                case "database.consent": return DatasourceShare.Identity;
                case SharedTable:
                case "database.user":
                case "database.config": return DatasourceShare.Shared;
            }
            var name = id ?? table.Substring(table.LastIndexOf('.') + 1);
            if (realm != null && id != null && string.Equals(id, realm, StringComparison.OrdinalIgnoreCase)) return DatasourceShare.Shared;
            if (name.IndexOf("consent", StringComparison.OrdinalIgnoreCase) >= 0 ||
                table.IndexOf("consent", StringComparison.OrdinalIgnoreCase) >= 0) return DatasourceShare.Identity;
            if (name.IndexOf("AgentIdentity", StringComparison.OrdinalIgnoreCase) >= 0 ||
                table.EndsWith(".AgentIdentity", StringComparison.Ordinal)) return DatasourceShare.AgentIdentity;
            return DatasourceShare.None;
        }
    }
}
