namespace WsoClusterPS.Engine.MySql
{
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

        /// <summary>One line for verbose output.</summary>
        public string Summary => AlreadyInstalled
            ? $"{Script}: already installed in '{Database}', not run again."
            : $"{Script}: {Statements} statement{(Statements == 1 ? string.Empty : "s")} run in '{Database}'.";
    }
}
