using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WsoClusterPS.Loading
{
    /// <summary>
    /// Runs on Import-Module, before any cmdlet touches the engine: makes the engine and its
    /// dependencies loadable from dependencies/ without letting them collide with other modules'.
    /// </summary>
    /// <remarks>
    /// This assembly targets netstandard2.0 and cannot name AssemblyLoadContext. On PowerShell 7
    /// it loads the small net8.0 WsoClusterPS.LoadContext assembly, whose one entry point is
    /// called by reflection, here and nowhere else. Windows PowerShell 5.1 has no load contexts:
    /// there the documented remedy is an AssemblyResolve handler over dependencies/desktop/.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private const string EngineAssembly = "WsoClusterPS.Engine";
        private static readonly object Gate = new object();
        private static bool _desktopHooked;

        public void OnImport()
        {
            // PowerShell 7.2 and 7.3 run on .NET 6 and 7, where the net8.0 engine cannot bind System.Runtime 8.0.
            if (RuntimeSupport.Refusal(RuntimeInformation.FrameworkDescription, Environment.Version) is string refusal)
                throw new PSNotSupportedException(refusal);
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);
            var dependencies = Path.Combine(moduleDirectory, "dependencies");
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                HookDesktop(Path.Combine(dependencies, "desktop"));
                return;
            }

            Assembly.LoadFrom(Path.Combine(moduleDirectory, "WsoClusterPS.LoadContext.dll"))
                    .GetType("WsoClusterPS.LoadContext.DependencyLoadContext", throwOnError: true)
                    .GetMethod("Register", BindingFlags.Public | BindingFlags.Static)
                    .Invoke(null, new object[] { dependencies, EngineAssembly });
        }

        private static void HookDesktop(string directory)
        {
            lock (Gate)
            {
                if (_desktopHooked) return;
                _desktopHooked = true;
                AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                {
                    var path = Path.Combine(directory, new AssemblyName(args.Name).Name + ".dll");
                    return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                };
            }
        }
    }
}
