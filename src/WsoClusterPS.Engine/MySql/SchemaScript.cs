using System.Collections.Generic;

namespace WsoClusterPS.Engine.MySql
{
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
}
