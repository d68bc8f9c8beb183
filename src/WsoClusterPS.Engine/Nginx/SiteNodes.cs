using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>The nodes a vhost New-NginxUpstream generated lists in its header: how a node left out of a cluster spec is
    /// found again on its machine, to be drained and stopped.</summary>
    public static class SiteNodes
    {
        // As NginxPlan describes a backend: "name (Role) host:home"; a name may hold spaces, a host colons (host:port, IPv6).
        private static readonly Regex Line = new Regex(@"^#   (?<endpoint>\S+)  (?<name>.+?) \((?<role>Manager|Worker)\) (?<host>[^\s/]+):(?<home>/.*)\z",
            RegexOptions.CultureInvariant);

        /// <summary>Each listed node as (endpoint, name, host name, home); none for a file this module did not write.</summary>
        public static IReadOnlyList<(string Endpoint, string Name, string HostName, string Home)> Read(string text)
        {
            if (!text.StartsWith(NginxRenderer.VhostHeader, System.StringComparison.Ordinal))
                return new List<(string, string, string, string)>();
            return text.Split('\n').TakeWhile(l => l.StartsWith("#", System.StringComparison.Ordinal))
                .Select(l => Line.Match(l)).Where(m => m.Success)
                .Select(m => (m.Groups["endpoint"].Value, m.Groups["name"].Value, m.Groups["host"].Value, m.Groups["home"].Value))
                .ToList();
        }
    }
}
