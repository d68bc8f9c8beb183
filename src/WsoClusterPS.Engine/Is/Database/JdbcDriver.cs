using System.Collections.Generic;
using System.IO;
using System.Linq;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>
    /// Step 2.2: the MySQL JDBC driver jar in <c>repository/components/lib</c>, replacing an
    /// older <c>mysql-connector-*.jar</c> there (two drivers on one classpath load unpredictably).
    /// </summary>
    public sealed class JdbcDriver
    {
        private readonly string _localJar;

        private JdbcDriver(IHost host, string localJar, string target, bool copyNeeded, IReadOnlyList<string> stale)
        {
            Host = host;
            _localJar = localJar;
            Target = target;
            CopyNeeded = copyNeeded;
            Stale = stale;
        }

        public IHost Host { get; }
        public string Target { get; }
        public bool CopyNeeded { get; }

        /// <summary>Other MySQL driver jars in the folder, to be removed.</summary>
        public IReadOnlyList<string> Stale { get; }

        public bool Changed => CopyNeeded || Stale.Count > 0;

        public string Description =>
            (CopyNeeded ? $"copy {Path.GetFileName(_localJar)} to {Target}" : $"{Target} is current") +
            (Stale.Count > 0 ? $"; remove {string.Join(", ", Stale)}" : string.Empty);

        public static JdbcDriver Plan(IHost host, string home, string localJar)
        {
            if (!File.Exists(localJar))
                throw new FileNotFoundException($"The JDBC driver '{localJar}' does not exist. Give the MySQL Connector/J jar " +
                    "(mysql-connector-j-*.jar); nothing was changed.", localJar);
            if (!localJar.EndsWith(".jar", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{localJar}' is not a .jar file. Give the MySQL Connector/J jar; nothing was changed.");
            var lib = IsLayout.LibFolder(host, home);
            var name = Path.GetFileName(localJar);
            var target = host.Combine(lib, name);
            var copyNeeded = !host.FileExists(target) || !host.ReadAllBytes(target).SequenceEqual(File.ReadAllBytes(localJar));
            var stale = host.ListFiles(lib)
                .Where(f => f != name && IsMySqlDriver(f))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            return new JdbcDriver(host, localJar, target, copyNeeded, stale);
        }

        /// <summary>Whether the node's lib folder holds a MySQL driver: without one IS cannot start on a MySQL database.</summary>
        public static bool Present(IHost host, string home) => host.ListFiles(IsLayout.LibFolder(host, home)).Any(IsMySqlDriver);

        private static bool IsMySqlDriver(string file) =>
            file.StartsWith("mysql-connector", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".jar", StringComparison.OrdinalIgnoreCase);

        public void Apply()
        {
            if (CopyNeeded) Host.UploadFile(_localJar, Target);
            var lib = Host.SplitPath(Target).Parent;
            foreach (var jar in Stale) Host.DeleteFile(Host.Combine(lib, jar));
        }
    }
}
