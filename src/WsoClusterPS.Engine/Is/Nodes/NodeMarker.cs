using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>
    /// The small <c>key=value</c> file New-IsClusterNode leaves in IS_HOME, so that a later
    /// session reads back a node's role and chosen cluster address before any clustering is
    /// written to deployment.toml.
    /// </summary>
    public static class NodeMarker
    {
        public static string Render(NodeRecord node) => new StringBuilder()
            .Append("# Written by WsoClusterPS (New-IsClusterNode). WSO2 IS ignores this file.\n")
            .Append("name=").Append(node.Name).Append('\n')
            .Append("role=").Append(node.Role).Append('\n')
            .Append("cluster_host=").Append(node.ClusterHost).Append('\n')
            .Append("cluster_port=").Append(node.ClusterPort.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .ToString();

        public static IReadOnlyDictionary<string, string> Parse(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=');
                if (line.StartsWith("#", StringComparison.Ordinal) || equals <= 0) continue;
                values[line.Substring(0, equals).Trim()] = line.Substring(equals + 1).Trim();
            }
            return values;
        }
    }
}
