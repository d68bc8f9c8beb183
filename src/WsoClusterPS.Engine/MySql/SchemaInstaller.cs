using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using MySqlConnector;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>
    /// Creates the IS databases and runs the pack's own schema scripts into them, once. Every
    /// script is checked before any runs: a schema already there is left alone, one that is half
    /// there is reported, never "fixed".
    /// </summary>
    public static class SchemaInstaller
    {
        private static readonly Regex AtLine = new Regex(@"at line (\d+)", RegexOptions.CultureInvariant);

        /// <param name="creator">An account that may create missing databases (the admin), or null to use <paramref
        /// name="server"/>'s.</param>
        public static IReadOnlyList<SchemaScriptResult> Install(DatabaseServer server, DatabaseServer creator,
            IReadOnlyList<SchemaTarget> targets,
            Action<SchemaProgress> progress, CancellationToken cancel)
        {
            var account = creator ?? server;
            using (var connection = account.Open(database: null))
            {
                foreach (var database in targets.Select(t => t.Database).Distinct(StringComparer.OrdinalIgnoreCase))
                    EnsureDatabase(connection, account, database, creatorGiven: creator != null);

                var plan = targets.SelectMany(t => t.Scripts.Select(s => (t.Database, Script: s))).ToList();
                var installed = plan.Select(p => IsInstalled(connection, p.Database, p.Script)).ToList();
                var results = new List<SchemaScriptResult>();
                for (var i = 0; i < plan.Count; i++)
                {
                    var (database, script) = plan[i];
                    if (installed[i])
                    {
                        results.Add(new SchemaScriptResult(database, script.Name, alreadyInstalled: true, 0));
                        continue;
                    }
                    connection.ChangeDatabase(database);
                    Run(connection, database, script, done => progress?.Invoke(new SchemaProgress(script.Name, i, plan.Count, done,
                        script.Statements.Count)), cancel);
                    results.Add(new SchemaScriptResult(database, script.Name, alreadyInstalled: false, script.Statements.Count));
                }
                return results;
            }
        }

        /// <summary>The scripts <see cref="Install"/> would run now (those of a database that does not exist yet included);
        /// nothing is changed.</summary>
        public static IReadOnlyList<string> Pending(DatabaseServer server, IReadOnlyList<SchemaTarget> targets)
        {
            using (var connection = server.Open(database: null))
                return targets.SelectMany(t => t.Scripts.Select(s => (t.Database, Script: s)))
                    .Where(p => Scalar(connection, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name",
                        p.Database) == 0 || !IsInstalled(connection, p.Database, p.Script))
                    .Select(p => $"{p.Database}: {p.Script.Name}").ToList();
        }

        /// <summary>
        /// latin1, as WSO2's MySQL scripts expect: with utf8mb4 their long indexed VARCHAR keys
        /// exceed the index size limit ("Specified key was too long").
        /// </summary>
        private static void EnsureDatabase(MySqlConnection connection, DatabaseServer account, string database, bool creatorGiven)
        {
            if (Scalar(connection, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", database) > 0) return;
            try
            {
                using (var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET " +
                    "latin1", connection)) create.ExecuteNonQuery();
            }
            catch (MySqlException e)
            {
                var advice = creatorGiven
                    ? "Give -AdminCredential an account that may create databases"
                    : "Give -AdminCredential with an account that may create databases, or create it yourself (CREATE DATABASE " +
                        $"`{database}` CHARACTER SET latin1;) and grant '{account.User}' its use";
                throw new SchemaException(SchemaProblem.MissingDatabase, $"The database '{database}' does not exist on " +
                    $"{account.Endpoint} and '{account.User}' may not create it ({e.Message}). {advice}; nothing was changed.", e);
            }
        }

        private static bool IsInstalled(MySqlConnection connection, string database, SchemaScript script)
        {
            if (script.Tables.Count == 0) return false;
            var present = new List<string>();
            using (var command = new MySqlCommand("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                "@name", connection))
            {
                command.Parameters.AddWithValue("@name", database);
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) present.Add(reader.GetString(0));
            }
            var found = script.Tables.Where(t => present.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
            if (found.Count == script.Tables.Count) return true;
            if (found.Count == 0) return false;
            var missing = script.Tables.Except(found, StringComparer.OrdinalIgnoreCase).ToList();
            throw new SchemaException(SchemaProblem.HalfInstalled,
                $"The database '{database}' holds {found.Count} of the {script.Tables.Count} tables {script.Name} creates (it has " +
                    $"{string.Join(", ", found.Take(3))}; it lacks " +
                        $"{string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)}). " +
                "A half-installed schema is not repaired automatically: drop the database (or the tables) and run again, or finish it " +
                    "by hand; nothing was run.");
        }

        private static void Run(MySqlConnection connection, string database, SchemaScript script, Action<int> progress,
            CancellationToken cancel)
        {
            for (var n = 0; n < script.Statements.Count; n++)
            {
                cancel.ThrowIfCancellationRequested();
                var statement = script.Statements[n];
                try
                {
                    using (var command = new MySqlCommand(statement.Text, connection)) command.ExecuteNonQuery();
                }
                catch (MySqlException e) when (connection.State != System.Data.ConnectionState.Open || e.InnerException is IOException)
                {
                    throw new SchemaException(SchemaProblem.Unreachable,
                        $"The connection to the database server was lost while {script.Name} line {statement.Line} ran in '{database}' " +
                        $"({e.Message}). The {n} statement(s) before it ran and stay, so when the server is back a re-run will report " +
                        "a half-installed schema: drop the database (or its tables) first. No deployment.toml was changed.", e);
                }
                catch (MySqlException e)
                {
                    // The server counts "at line N" from the start of the failing statement.
                    var at = AtLine.Match(e.Message);
                    var line = at.Success ? statement.Line + int.Parse(at.Groups[1].Value) - 1 : statement.Line;
                    throw new SchemaException(SchemaProblem.StatementFailed,
                        $"{script.Name} line {line} failed in database '{database}' (the statement starting \"{statement.FirstLine}\" " +
                            $"on line {statement.Line}): {e.Message} " +
                        $"The {n} statement(s) before it ran and stay; no deployment.toml was changed.", e);
                }
                if (n % 10 == 0 || n == script.Statements.Count - 1) progress(n + 1);
            }
        }

        private static long Scalar(MySqlConnection connection, string sql, string name)
        {
            using (var command = new MySqlCommand(sql, connection))
            {
                command.Parameters.AddWithValue("@name", name);
                return Convert.ToInt64(command.ExecuteScalar());
            }
        }
    }
}
