using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Text;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>Step 2.2: which of the pack's dbscripts/ go into which database, in WSO2's order.</summary>
    public static class SchemaCatalogue
    {
        public static IReadOnlyList<SchemaTarget> For(IHost host, string home, DatabaseSettings settings)
        {
            var dbscripts = IsLayout.DbScripts(host, home);
            if (!host.DirectoryExists(dbscripts))
                throw new SchemaException(SchemaProblem.MissingScripts, $"The pack at '{home}' has no dbscripts/ folder, so there is no " +
                    "schema to create. Use a complete WSO2 IS pack, or create the schema by hand; nothing was changed.");

            SchemaScript Script(string relative, bool required)
            {
                var path = IsLayout.DbScript(host, home, relative);
                if (host.FileExists(path)) return new SchemaScript("dbscripts/" + relative, TextFile.Read(host, path).Text);
                if (!required) return null;
                throw new SchemaException(SchemaProblem.MissingScripts, $"The pack at '{home}' lacks dbscripts/{relative}. Use a " +
                    "complete WSO2 IS pack; nothing was changed.");
            }

            var shared = new[] { Script("mysql.sql", true) };
            // The UMA script exists in IS 5.11 only; consent's in every pack since.
            var identity = new[] { Script("identity/mysql.sql", true), Script("identity/uma/mysql.sql", false),
                Script("consent/mysql.sql", false) }.Where(s => s != null);
            var targets = new List<SchemaTarget>();
            if (settings.SharedDatabase == settings.IdentityDatabase)
                targets.Add(new SchemaTarget(settings.SharedDatabase, shared.Concat(identity).ToList()));
            else
            {
                targets.Add(new SchemaTarget(settings.SharedDatabase, shared));
                targets.Add(new SchemaTarget(settings.IdentityDatabase, identity.ToList()));
            }
            if (settings.AgentIdentityDatabase != null)
                targets.Add(new SchemaTarget(settings.AgentIdentityDatabase, new[] { Script("identity/agent/mysql.sql", true) }));
            return targets;
        }
    }
}
