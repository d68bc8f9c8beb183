using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
        private readonly string[] _directories;
        private readonly string _entryAssembly;

        private DependencyLoadContext(string directory, string entryAssembly) : base("WsoClusterPS", isCollectible: false)
        {
            var precompiled = Path.Combine(directory, PrecompiledFolder);
            _directories = Directory.Exists(precompiled) ? new[] { precompiled, directory } : new[] { directory };
            _entryAssembly = entryAssembly;
        }

        /// <summary>
        /// The subfolder of dependencies/ with ReadyToRun builds for this runtime and machine, such
        /// as net10.0-linux-x64. Precompiled code is bound to one runtime major version, operating
        /// system and architecture, so a folder is only taken where all three match; everywhere
        /// else the portable builds in dependencies/ itself load and are compiled as they run.
        /// </summary>
        private static string PrecompiledFolder
        {
            get
            {
                var system = OperatingSystem.IsWindows() ? "win"
                    : OperatingSystem.IsMacOS() ? "osx"
                    : RuntimeInformation.RuntimeIdentifier.Contains("-musl-") ? "linux-musl" : "linux";
                var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
                return $"net{Environment.Version.Major}.0-{system}-{architecture}";
            }
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

        /// <summary>
        /// Ours when dependencies/ has it, its precompiled build first; otherwise (the framework,
        /// the cmdlet assembly) the default context's.
        /// </summary>
        protected override Assembly Load(AssemblyName name)
        {
            foreach (var directory in _directories)
            {
                var path = Path.Combine(directory, name.Name + ".dll");
                if (File.Exists(path)) return LoadFromAssemblyPath(path);
            }

            return null;
        }
    }
}
