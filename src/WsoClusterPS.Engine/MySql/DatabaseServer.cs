using System;
using MySqlConnector;
using WsoClusterPS.Engine.Validation;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>A MySQL or MariaDB server and the account to use on it.</summary>
    public sealed class DatabaseServer
    {
        /// <param name="shownAs">How messages name the server when the connection goes another way (a tunnel); null: host:port.</param>
        public DatabaseServer(string host, int port, string user, string password, string shownAs = null)
        {
            Host = host;
            Port = port;
            User = user;
            Password = password;
            _shownAs = shownAs;
        }

        private readonly string _shownAs;

        public string Host { get; }
        public int Port { get; }
        public string User { get; }

        /// <summary>Only ever put into a connection string; never into a message.</summary>
        internal string Password { get; }

        public string Endpoint => _shownAs ?? Host + ":" + Port;

        /// <summary>A session on the server, in <paramref name="database"/> (none when null); failures say what to check.</summary>
        internal MySqlConnection Open(string database)
        {
            var builder = new MySqlConnectionStringBuilder
            {
                Server = Host,
                Port = (uint)Port,
                UserID = User,
                Password = Password,
                AllowUserVariables = true,
                ConnectionTimeout = 15,
                DefaultCommandTimeout = 300,
                Pooling = false,
            };
            if (database != null) builder.Database = database;
            var connection = new MySqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
                return connection;
            }
            catch (MySqlException e)
            {
                connection.Dispose();
                if (e.ErrorCode == MySqlErrorCode.UnableToConnectToHost)
                    throw new SchemaException(SchemaProblem.Unreachable, $"Cannot reach the MySQL server at {Endpoint}: " +
                        $"{e.Message} Check -Server and -Port, and that the server listens there; nothing was changed.", e);
                if (e.ErrorCode == MySqlErrorCode.AccessDenied)
                    throw new SchemaException(SchemaProblem.AccessDenied, $"The MySQL server at {Endpoint} refused the user " +
                        $"'{User}': {e.Message} Check the credential; nothing was changed.", e);
                throw new SchemaException(SchemaProblem.Unreachable, $"Cannot open a session on the MySQL server at {Endpoint}: " +
                    $"{e.Message} Nothing was changed.", e);
            }
        }

        /// <summary>Database names go into SQL and JDBC URLs, so only plain identifiers are taken.</summary>
        public static string CheckName(string database)
        {
            if (Shapes.DatabaseName.Matches(database)) return database;
            throw new ArgumentException($"The database name '{database}' is not a plain MySQL name (letters, digits, _ and $, at most " +
                "64). Choose another; nothing was changed.");
        }
    }
}
