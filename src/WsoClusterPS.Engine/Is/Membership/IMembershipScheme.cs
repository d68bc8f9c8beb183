using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>
    /// How nodes find each other: one of WSO2's <c>[clustering] membership_scheme</c> values and
    /// the keys it needs. WKA is the one the recipe uses; another scheme (kubernetes, aws) is
    /// another implementation, and ClusterSettings writes whichever it is given.
    /// </summary>
    public interface IMembershipScheme
    {
        /// <summary>The value of <c>membership_scheme</c>.</summary>
        string Name { get; }

        /// <summary>Writes the scheme's own keys for <paramref name="node"/>, after membership_scheme and domain.</summary>
        void ApplyTo(TomlEditor toml, NodeRecord node);
    }
}
