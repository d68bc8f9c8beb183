using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>A MySQL or MariaDB server and the account to use on it.</summary>
    public sealed class DatabaseServer
    {
        private static readonly Regex Identifier = new Regex(@"^[A-Za-z0-9_$]{1,64}$", RegexOptions.CultureInvariant);

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
            if (database != null && Identifier.IsMatch(database)) return database;
            throw new ArgumentException($"The database name '{database}' is not a plain MySQL name (letters, digits, _ and $, at most 64). Choose another; nothing was changed.");
        }
    }

    /// <summary>A database and the pack's scripts that belong in it, in order.</summary>
    public sealed class SchemaTarget
    {
        public SchemaTarget(string database, IReadOnlyList<SchemaScript> scripts)
        {
            Database = DatabaseServer.CheckName(database);
            Scripts = scripts;
        }

        public string Database { get; }
        public IReadOnlyList<SchemaScript> Scripts { get; }
    }

    /// <summary>One script, by the name users know it (dbscripts/identity/mysql.sql), split into statements.</summary>
    public sealed class SchemaScript
    {
        public SchemaScript(string name, string text)
        {
            Name = name;
            Statements = SqlScript.Split(text);
            Tables = SqlScript.CreatedTables(Statements);
        }

        public string Name { get; }
        public IReadOnlyList<SqlStatement> Statements { get; }
        public IReadOnlyList<string> Tables { get; }
    }

    /// <summary>What happened to one script.</summary>
    public sealed class SchemaScriptResult
    {
        public SchemaScriptResult(string database, string script, bool alreadyInstalled, int statements)
        {
            Database = database;
            Script = script;
            AlreadyInstalled = alreadyInstalled;
            Statements = statements;
        }

        public string Database { get; }
        public string Script { get; }
        public bool AlreadyInstalled { get; }
        public int Statements { get; }
    }

    /// <summary>Where the schema step is: which script, and how many of its statements ran.</summary>
    public readonly struct SchemaProgress
    {
        public SchemaProgress(string script, int scriptIndex, int scriptCount, int statementsDone, int statementCount)
        {
            Script = script;
            ScriptIndex = scriptIndex;
            ScriptCount = scriptCount;
            StatementsDone = statementsDone;
            StatementCount = statementCount;
        }

        public string Script { get; }
        public int ScriptIndex { get; }
        public int ScriptCount { get; }
        public int StatementsDone { get; }
        public int StatementCount { get; }
    }
}
