using System.Collections.Generic;
using System.Globalization;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>
    /// Hazelcast well-known addresses: each node's own host and port, and every member listed,
    /// since WSO2 asks for all members to be listed to avoid split brain.
    /// </summary>
    public sealed class WkaScheme : IMembershipScheme
    {
        public WkaScheme(IReadOnlyList<string> members)
        {
            Members = members;
        }

        public IReadOnlyList<string> Members { get; }

        public string Name => "wka";

        public void ApplyTo(TomlEditor toml, NodeRecord node)
        {
            toml.SetString("clustering", "local_member_host", node.ClusterHost);
            toml.SetString("clustering", "local_member_port", node.ClusterPort.ToString(CultureInfo.InvariantCulture));
            toml.SetStringArray("clustering", "members", Members);
        }
    }
}
