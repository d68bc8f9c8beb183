using System;
using System.Collections.Generic;
using System.Linq;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// One folder is one folder however it is spelt: <c>ra</c>, <c>ra/</c>, <c>./ra</c> and a link
    /// to it are resolved on their host (realpath -m: every link followed, nothing required to exist).
    /// </summary>
    public static class RealPaths
    {
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        /// <summary>Each item once, in the order given, where two items name the same real path on the same host.</summary>
        public static IEnumerable<T> Distinct<T>(IReadOnlyList<T> items, Func<T, IHost> hostOf, Func<T, string> pathOf)
        {
            var real = new Dictionary<(IHost, string), string>();
            foreach (var group in items.GroupBy(hostOf))
            {
                var paths = group.Select(pathOf).Distinct(StringComparer.Ordinal).ToList();
                // One node on a host can clash with none: no command is run for it.
                var resolved = paths.Count > 1 ? Resolve(group.Key, paths) : paths;
                for (var i = 0; i < paths.Count; i++) real[(group.Key, paths[i])] = resolved[i];
            }
            return items.GroupBy(item => (hostOf(item), real[(hostOf(item), pathOf(item))])).Select(g => g.First());
        }

        /// <summary>The real paths, in order; where the host cannot tell (no realpath, as on Windows), each path as given
        /// without a trailing separator.</summary>
        public static IReadOnlyList<string> Resolve(IHost host, IReadOnlyList<string> paths)
        {
            var plain = paths.Select(Trimmed).ToList();
            if (paths.Any(p => p.IndexOf('\n') >= 0)) return plain;
            try
            {
                var result = host.Run("realpath", new[] { "-m", "--" }.Concat(paths).ToList(), Bound);
                var lines = result.Output.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
                return result.ExitCode == 0 && lines.Length == paths.Count ? lines : (IReadOnlyList<string>)plain;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return plain;
            }
        }

        private static string Trimmed(string path) => path.Length > 1 ? path.TrimEnd('/', '\\') : path;
    }
}
