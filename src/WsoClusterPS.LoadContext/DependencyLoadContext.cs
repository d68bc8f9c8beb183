using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace WsoClusterPS.LoadContext
{
    /// <summary>
    /// The private load context of WsoClusterPS on PowerShell 7: the engine and its dependencies
    /// (Tomlyn, SSH.NET, MySqlConnector and theirs) load here from the module's dependencies/
    /// folder, so versions another module loaded into the default context never meet ours.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext _instance;
        private readonly string _directory;
        private readonly string _entryAssembly;

        private DependencyLoadContext(string directory, string entryAssembly) : base("WsoClusterPS", isCollectible: false)
        {
            _directory = directory;
            _entryAssembly = entryAssembly;
        }

        /// <summary>
        /// Lets the default context find <paramref name="entryAssembly"/> (the engine, which the
        /// cmdlet assembly references) by loading it here. Called on every import; the context is
        /// made once per process, since an assembly cannot be unloaded from a non-collectible one.
        /// </summary>
        public static void Register(string directory, string entryAssembly)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new DependencyLoadContext(directory, entryAssembly);
                Default.Resolving += _instance.ResolveEntry;
            }
        }

        private Assembly ResolveEntry(AssemblyLoadContext context, AssemblyName name) =>
            name.Name == _entryAssembly ? LoadFromAssemblyName(name) : null;

        /// <summary>Ours when dependencies/ has it; otherwise (the framework, the cmdlet assembly) the default context's.</summary>
        protected override Assembly Load(AssemblyName name)
        {
            var path = Path.Combine(_directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
