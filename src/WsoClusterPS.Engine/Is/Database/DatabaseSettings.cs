using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>Step 2.1: the shared MySQL database every node points at, as deployment.toml says it.</summary>
    public sealed class DatabaseSettings
    {
        public const string Driver = "com.mysql.cj.jdbc.Driver";
        private static readonly Regex OptionText = new Regex(@"\A[A-Za-z0-9_.:/,+-]+\z", RegexOptions.CultureInvariant);
        private static readonly Regex PoolKey = new Regex(@"\A[A-Za-z][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

        public DatabaseSettings(string server, int port, string user, string password, string identityDatabase, string sharedDatabase,
            string agentIdentityDatabase, string userStoreType, IEnumerable<KeyValuePair<string, string>> options,
            IEnumerable<KeyValuePair<string, object>> poolOptions, IEnumerable<string> movedDatasources = null)
        {
            MovedDatasources = new HashSet<string>(movedDatasources ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
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

        /// <summary>Datasources (their tables: database.user, datasource.AgentIdentity; * for all) moved wherever they point.</summary>
        public ISet<string> MovedDatasources { get; }

        private string Target => Server + ":" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Whether each datasource of the file as it is moves to this server. Only what belongs to
        /// the cluster's databases moves, and only from the embedded H2 or from the server identity_db
        /// and shared_db used: a user store on another server holds users IS would lose, and a
        /// $env{} placeholder is the admin's. Named ones move anyway.
        /// </summary>
        public IReadOnlyList<(Datasource Datasource, DatasourceMove Move)> Moves(IReadOnlyList<Datasource> found)
        {
            var origins = found.Where(d => (d.Table == Datasources.IdentityTable || d.Table == Datasources.SharedTable) && d.Server != null)
                .Select(d => d.Server).Concat(new[] { Target }).ToList();
            return found.Select(d => (d, Decide(d, origins))).ToList();
        }

        private DatasourceMove Decide(Datasource datasource, IReadOnlyList<string> origins)
        {
            var core = datasource.Table == Datasources.IdentityTable || datasource.Table == Datasources.SharedTable;
            if (!core && DatabaseFor(datasource.Share) == null) return DatasourceMove.NotShared;
            if (MovedDatasources.Contains("*") || MovedDatasources.Contains(datasource.Table)) return DatasourceMove.Named;
            if (datasource.HasPlaceholder) return DatasourceMove.KeptPlaceholder;
            if (datasource.IsEmbedded) return DatasourceMove.FromEmbedded;
            return core || origins.Any(datasource.IsOn) ? DatasourceMove.WithTheOthers : DatasourceMove.KeptOnItsServer;
        }

        private static bool Moving(DatasourceMove move) =>
            move == DatasourceMove.FromEmbedded || move == DatasourceMove.WithTheOthers || move == DatasourceMove.Named;

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
            var found = Datasources.Find(toml);
            var moves = Moves(found);
            toml.SetString(DeploymentKeys.UserStoreType, UserStoreType);
            foreach (var (datasource, move) in moves.Where(m => Moving(m.Move)))
            {
                var database = DatabaseFor(datasource.Share);
                if (datasource.IsDatabaseTable) WriteDatabase(toml, secrets, datasource.Table, database);
                else WriteEntry(toml, secrets, datasource.Table, database);
            }
            if (AgentIdentityDatabase != null && found.All(d => d.Share != DatasourceShare.AgentIdentity))
                WriteEntry(toml, secrets, "datasource.AgentIdentity", AgentIdentityDatabase);
        }

        /// <summary>
        /// What an admin must hear of the file as it was, before it is written (and under -WhatIf):
        /// each datasource moved off a real server (its data is not copied), and each left out of
        /// the cluster's databases, with how to move it.
        /// </summary>
        public IEnumerable<string> Warnings(string nodeName, TomlEditor before)
        {
            var to = $"mysql://{Target}/";
            foreach (var (datasource, move) in Moves(Datasources.Find(before)))
            {
                var database = DatabaseFor(datasource.Share);
                var name = $"Node '{nodeName}': [{datasource.Table}]";
                var named = $"To move it anyway, give -Datasource '{datasource.Table}'.";
                switch (move)
                {
                    case DatasourceMove.WithTheOthers:
                    case DatasourceMove.Named:
                        if (datasource.IsEmbedded || datasource.IsOn(Target)) break;
                        yield return $"{name} moves from {datasource.Location} to {to}{database}. Its data is not copied: copy it " +
                            "there first (its users, tokens or registry entries are not found in the new database otherwise).";
                        break;
                    case DatasourceMove.KeptOnItsServer:
                        yield return $"{name} stays on {datasource.Location}: another server than the one identity_db and shared_db " +
                            $"used, so it was not moved (what it holds would be lost to IS). {named}";
                        break;
                    case DatasourceMove.KeptPlaceholder:
                        yield return $"{name} is written with $env{{}} or $sys{{}} placeholders, which are yours: it stays as it is. {named}";
                        break;
                    case DatasourceMove.NotShared:
                        if (!datasource.IsEmbedded && datasource.IsOn(Target)) break;
                        yield return $"{name} stays on {datasource.Location}, not on {Target}, so " +
                            (datasource.IsEmbedded ? "each node keeps its own copy of its data. " : "it is not the database the other datasources moved to. ") +
                            (datasource.Share == DatasourceShare.AgentIdentity ? "Give -AgentIdentityDatabase to move it."
                                : "Create its database from the pack's dbscripts and point the table at it by hand; see docs/databases.md.");
                        break;
                }
            }
        }

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
            toml.SetString(table, "username", Text.XmlElementText.Protect(User));
            secrets.Write(toml, table, "password", Password);
            toml.SetString(table, "driver", Driver);
        }

        private void WriteDatabase(TomlEditor toml, ISecretWriter secrets, string table, string database)
        {
            toml.SetString(table, "type", "mysql");
            toml.SetString(table, "hostname", Server);
            toml.SetString(table, "name", database);
            toml.SetString(table, "username", Text.XmlElementText.Protect(User));
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
