using System;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Is.Checks;

namespace WsoClusterPS.Plumbing
{
    /// <summary>-Exclude: wildcard patterns naming what is kept different on purpose, by key ("[server] offset", an alias, a
    /// jar) or by item (a file or folder below IS_HOME).</summary>
    internal static class ExcludePatterns
    {
        public static Func<NodeFact, bool> From(string[] patterns)
        {
            var compiled = (patterns ?? new string[0])
                .Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
            return fact => compiled.Any(p => p.IsMatch(fact.Key) || p.IsMatch(fact.Item));
        }
    }
}
