using System.Collections.Generic;
using System.Linq;
using System;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>
    /// The WKA member list when none is given: the nodes given joined to the members their files
    /// already list, so piping in part of a cluster never drops the rest. A shrink is asked for.
    /// </summary>
    public static class WkaMembers
    {
        /// <summary>The members a node's file lists under WKA; none under another scheme or none at all.</summary>
        public static IReadOnlyList<string> Listed(TomlEditor toml)
        {
            if (!string.Equals(toml.Get(DeploymentKeys.MembershipScheme) as string, DeploymentKeys.Wka, StringComparison.Ordinal))
                return Array.Empty<string>();
            return ((toml.Get(DeploymentKeys.Members) as object[]) ?? Array.Empty<object>()).OfType<string>().ToList();
        }

        /// <summary>
        /// The members the nodes' files list, read on every host at once, joined with the nodes' own
        /// addresses; <c>Kept</c> names those the files list that are not among the nodes. A file that
        /// cannot be read is left out here: it is reported when it is planned.
        /// </summary>
        public static (IReadOnlyList<string> Members, IReadOnlyList<string> Kept) JoinListed(IReadOnlyList<NodeRecord> nodes,
            IReadOnlyList<string> given)
        {
            var listed = Hosts.PerHost.Run(nodes, n => n.Host, n => Listed(TomlEditor.Read(n.Host, n.DeploymentToml)))
                .Where(o => o.Error == null).Select(o => o.Value).ToList();
            var joined = Join(given, listed);
            return (joined, joined.Where(m => !given.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList());
        }

        /// <summary>The listed members in their order, then the nodes given that they lack; each once.</summary>
        public static IReadOnlyList<string> Join(IReadOnlyList<string> given, IEnumerable<IReadOnlyList<string>> listed)
        {
            var joined = new List<string>();
            foreach (var member in listed.SelectMany(l => l).Concat(given))
                if (!joined.Contains(member, StringComparer.OrdinalIgnoreCase)) joined.Add(member);
            return joined;
        }
    }
}
