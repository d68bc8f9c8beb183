using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>Step 2.1: the shared MySQL database every node points at, as deployment.toml says it.</summary>
    public sealed class DatabaseSettings
    {
        public const string Driver = "com.mysql.cj.jdbc.Driver";
        private static readonly Regex OptionText = new Regex(@"\A[A-Za-z0-9_.:/,+-]+\z", RegexOptions.CultureInvariant);
        private static readonly Regex PoolKey = new Regex(@"\A[A-Za-z][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

        public DatabaseSettings(string server, int port, string user, string password, string identityDatabase, string sharedDatabase,
            string agentIdentityDatabase, string userStoreType, IEnumerable<KeyValuePair<string, string>> options,
            IEnumerable<KeyValuePair<string, object>> poolOptions)
        {
            Server = server;
            Port = port;
            User = user;
            Password = password;
            IdentityDatabase = DatabaseServer.CheckName(identityDatabase);
            SharedDatabase = DatabaseServer.CheckName(sharedDatabase);
            AgentIdentityDatabase = agentIdentityDatabase == null ? null : DatabaseServer.CheckName(agentIdentityDatabase);
            UserStoreType = userStoreType;
            // Sorted, so the same options always give the same bytes.
            Options = (options ?? Enumerable.Empty<KeyValuePair<string, string>>()).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
            PoolOptions = (poolOptions ?? Enumerable.Empty<KeyValuePair<string, object>>()).OrderBy(o => o.Key,
                StringComparer.Ordinal).ToList();
            foreach (var option in Options)
            {
                if (!OptionText.IsMatch(option.Key) || !OptionText.IsMatch(option.Value ?? string.Empty))
                    throw new ArgumentException($"The connection option '{option.Key}={option.Value}' has characters a JDBC URL cannot " +
                        "carry here (only letters, digits and . _ : / , + -). Nothing was changed.");
            }
            foreach (var option in PoolOptions)
            {
                if (!PoolKey.IsMatch(option.Key) || (option.Value is string text && !Validation.Shapes.SingleLine.Matches(text)))
                    throw new ArgumentException($"The pool option '{Validation.Shape.Show(option.Key)}=" +
                        $"{Validation.Shape.Show(Convert.ToString(option.Value, CultureInfo.InvariantCulture))}' is not a pool " +
                        "option WSO2 reads: a name of letters, digits and underscores (maxActive, validationQuery) and a number, " +
                        "true or false, or a value on one line. Nothing was changed.");
            }
        }

        public string Server { get; }
        public int Port { get; }
        public string User { get; }
        public string Password { get; }
        public string IdentityDatabase { get; }
        public string SharedDatabase { get; }
        public string AgentIdentityDatabase { get; }
        public string UserStoreType { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Options { get; }
        public IReadOnlyList<KeyValuePair<string, object>> PoolOptions { get; }

        /// <summary>
        /// The JDBC URL. WSO2 pastes it verbatim into XML datasource files, so the options are
        /// joined with <c>&amp;amp;</c>, as its docs write it: a bare &amp; breaks the XML.
        /// </summary>
        public string JdbcUrl(string database) =>
            $"jdbc:mysql://{Server}:{Port.ToString(CultureInfo.InvariantCulture)}/{database}" +
            (Options.Count == 0 ? string.Empty : "?" + string.Join("&amp;", Options.Select(o => o.Key + "=" + o.Value)));

        /// <summary>
        /// Points every datasource the cluster must share at its database: identity_db and shared_db
        /// always, and every other one the file defines that <see cref="Datasources"/> knows.
        /// </summary>
        public void ApplyTo(TomlEditor toml) => ApplyTo(toml, PlainSecretWriter.Instance);

        /// <param name="secrets">How the password goes into the file: as it is, or through Secure Vault.</param>
        public void ApplyTo(TomlEditor toml, ISecretWriter secrets)
        {
            toml.SetString("user_store", "type", UserStoreType);
            WriteDatabase(toml, secrets, Datasources.IdentityTable, IdentityDatabase);
            WriteDatabase(toml, secrets, Datasources.SharedTable, SharedDatabase);
            var found = Datasources.Find(toml);
            foreach (var datasource in found.Where(d => d.Table != Datasources.IdentityTable && d.Table != Datasources.SharedTable))
            {
                var database = DatabaseFor(datasource.Share);
                if (database == null) continue;
                if (datasource.IsDatabaseTable) WriteDatabase(toml, secrets, datasource.Table, database);
                else WriteEntry(toml, secrets, datasource.Table, database);
            }
            if (AgentIdentityDatabase != null && found.All(d => d.Share != DatasourceShare.AgentIdentity))
                WriteEntry(toml, secrets, "datasource.AgentIdentity", AgentIdentityDatabase);
        }

        /// <summary>The datasources of an edited file that stay out of the cluster's databases: embedded, or on another
        /// server than this one.</summary>
        public IReadOnlyList<Datasource> LeftBehind(TomlEditor toml) =>
            Datasources.Find(toml).Where(d => d.IsEmbedded || !d.IsOn(Server + ":" + Port.ToString(CultureInfo.InvariantCulture)))
                .ToList();

        private string DatabaseFor(DatasourceShare share)
        {
            switch (share)
            {
                case DatasourceShare.Identity: return IdentityDatabase;
                case DatasourceShare.Shared: return SharedDatabase;
                case DatasourceShare.AgentIdentity: return AgentIdentityDatabase;
                default: return null;
            }
        }

        /// <summary>A [datasource.*] or [[datasource]] entry: a url, never hostname and name; its type only where it has one.</summary>
        private void WriteEntry(TomlEditor toml, ISecretWriter secrets, string table, string database)
        {
            if (toml.Get(table, "type") != null) toml.SetString(table, "type", "mysql");
            toml.SetString(table, "url", JdbcUrl(database));
            toml.SetString(table, "username", User);
            secrets.Write(toml, table, "password", Password);
            toml.SetString(table, "driver", Driver);
        }

        private void WriteDatabase(TomlEditor toml, ISecretWriter secrets, string table, string database)
        {
            toml.SetString(table, "type", "mysql");
            toml.SetString(table, "hostname", Server);
            toml.SetString(table, "name", database);
            toml.SetString(table, "username", User);
            secrets.Write(toml, table, "password", Password);
            toml.SetString(table, "port", Port.ToString(CultureInfo.InvariantCulture));
            toml.SetString(table, "driver", Driver);
            // A url wins over hostname/port/name in WSO2, so the stock H2 url must go; it comes
            // back only to carry connection options.
            if (Options.Count > 0) toml.SetString(table, "url", JdbcUrl(database));
            else toml.Remove(table, "url");
            foreach (var option in PoolOptions)
            {
                switch (option.Value)
                {
                    case bool flag: toml.SetBoolean(table + ".pool_options", option.Key, flag); break;
                    case int _:
                    case long _: toml.SetInteger(table + ".pool_options", option.Key, Convert.ToInt64(option.Value,
                        CultureInfo.InvariantCulture)); break;
                    default: toml.SetString(table + ".pool_options", option.Key, Convert.ToString(option.Value,
                        CultureInfo.InvariantCulture)); break;
                }
            }
        }
    }
}
