using System.Collections.Generic;
using System.Globalization;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Membership
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

        public string Name => DeploymentKeys.Wka;

        public void ApplyTo(TomlEditor toml, NodeRecord node)
        {
            toml.SetString(DeploymentKeys.LocalMemberHost, node.ClusterHost);
            toml.SetString(DeploymentKeys.LocalMemberPort, node.ClusterPort.ToString(CultureInfo.InvariantCulture));
            toml.SetStringArray(DeploymentKeys.Members, Members);
        }
    }
}
