using System;
using System.Collections.Generic;
using System.Linq;
using MySqlConnector;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>Which of some tables hold a row: how a database IS has written to is told from a schema just installed.</summary>
    public static class TableRows
    {
        /// <param name="tables">Plain table names of the module's own (never user input); those the database lacks hold nothing.</param>
        public static IReadOnlyList<string> Holding(DatabaseServer server, string database, IReadOnlyList<string> tables)
        {
            DatabaseServer.CheckName(database);
            using (var connection = server.Open(database: null))
            {
                var existing = new List<string>();
                using (var command = new MySqlCommand("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @database",
                           connection))
                {
                    command.Parameters.AddWithValue("@database", database);
                    using (var reader = command.ExecuteReader())
                        while (reader.Read()) existing.Add(reader.GetString(0));
                }
                return tables.Where(t => existing.Contains(t, StringComparer.OrdinalIgnoreCase)).Where(table =>
                {
                    using (var command = new MySqlCommand($"SELECT EXISTS (SELECT 1 FROM `{database}`.`{table}` LIMIT 1)", connection))
                        return Convert.ToInt64(command.ExecuteScalar()) != 0;
                }).ToList();
            }
        }
    }
}
