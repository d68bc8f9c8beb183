using System.Collections.Generic;

namespace WsoClusterPS.Engine.MySql
{
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
}
