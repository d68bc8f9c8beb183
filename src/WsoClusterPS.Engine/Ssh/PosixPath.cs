using System.Linq;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>Paths on a POSIX machine reached over SSH, whatever this machine's own separator is.</summary>
    internal static class PosixPath
    {
        public static string Combine(params string[] parts) =>
            string.Join("/", parts.Select((p, i) => i == 0 ? p.TrimEnd('/') : p.Trim('/')).Where(p => p.Length > 0).DefaultIfEmpty("/"));

        public static (string Parent, string Leaf) Split(string path)
        {
            var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
            var slash = trimmed.LastIndexOf('/');
            return slash <= 0 ? ("/", trimmed.TrimStart('/')) : (trimmed.Substring(0, slash), trimmed.Substring(slash + 1));
        }
    }
}
