using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Is.Database;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A spec's Database: Set-IsDatabase's parameters, with credentials named, never given.</summary>
    public sealed class DatabaseSpec
    {
        public string Server { get; set; }
        public int Port { get; set; } = 3306;

        /// <summary>One database for identity and shared data (Set-IsDatabase -Database).</summary>
        public string Name { get; set; }
        public string IdentityDatabase { get; set; }
        public string SharedDatabase { get; set; }
        public string AgentIdentityDatabase { get; set; }
        public string UserStoreType { get; set; } = "database_unique_id";

        /// <summary>The name the credential is resolved by at run time.</summary>
        public string Credential { get; set; }
        public string AdminCredential { get; set; }
        public string KeystoreCredential { get; set; }
        public bool InitializeSchema { get; set; }
        public bool EncryptSecret { get; set; }
        public string JdbcDriverPath { get; set; }
        public IReadOnlyList<KeyValuePair<string, string>> ConnectionOption { get; set; }
        public IReadOnlyList<KeyValuePair<string, object>> PoolOption { get; set; }
        public IReadOnlyList<string> Datasource { get; set; }

        internal static DatabaseSpec Read(SpecTable table)
        {
            var database = new DatabaseSpec
            {
                Server = table.String(nameof(Server)) ?? throw new SpecException("Database has no Server: give the database server " +
                    "as the IS nodes reach it."),
                Port = table.Int(nameof(Port), 1, 65535) ?? 3306,
                Name = table.String(nameof(Name)),
                IdentityDatabase = table.String(nameof(IdentityDatabase)),
                SharedDatabase = table.String(nameof(SharedDatabase)),
                AgentIdentityDatabase = table.String(nameof(AgentIdentityDatabase)),
                UserStoreType = table.String(nameof(UserStoreType)) ?? "database_unique_id",
                Credential = table.String(nameof(Credential)) ?? throw new SpecException("Database has no Credential: give the " +
                    "name its credential is found by (-Credential @{ name = $cred }, a SecretManagement secret, an Automation credential)."),
                AdminCredential = table.String(nameof(AdminCredential)),
                KeystoreCredential = table.String(nameof(KeystoreCredential)),
                InitializeSchema = table.Bool(nameof(InitializeSchema)),
                EncryptSecret = table.Bool(nameof(EncryptSecret)),
                JdbcDriverPath = table.String(nameof(JdbcDriverPath)),
                ConnectionOption = table.Pairs(nameof(ConnectionOption))?.Select(p => new KeyValuePair<string, string>(p.Key,
                    System.Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList(),
                PoolOption = table.Pairs(nameof(PoolOption)),
                Datasource = table.Strings(nameof(Datasource)),
            };
            table.RefuseUnknownKeys();
            if ((database.Name == null) == (database.IdentityDatabase == null || database.SharedDatabase == null))
                throw new SpecException("Database needs Name (one database), or IdentityDatabase and SharedDatabase (two), not both.");
            return database;
        }
    }
}
