using System;
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

        /// <summary>Database names go into SQL and JDBC URLs, so only plain identifiers are taken.</summary>
        public static string CheckName(string database)
        {
            if (Shapes.DatabaseName.Matches(database)) return database;
            throw new ArgumentException($"The database name '{database}' is not a plain MySQL name (letters, digits, _ and $, at most " +
                "64). Choose another; nothing was changed.");
        }
    }
}
