using System.Collections.Generic;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>What one node holds, read once from its host, for every check to use.</summary>
    public sealed class NodeFacts
    {
        public NodeFacts(NodeRecord node, TomlEditor toml, IReadOnlyList<NodeFact> facts,
            IReadOnlyList<(string Store, StoredCertificate Certificate)> keys, bool stockEncryptionKey)
        {
            Node = node;
            Toml = toml;
            Facts = facts;
            Keys = keys;
            StockEncryptionKey = stockEncryptionKey;
        }

        public NodeRecord Node { get; }
        public TomlEditor Toml { get; }
        public IReadOnlyList<NodeFact> Facts { get; }

        /// <summary>The certificates of the private keys the node uses (not of its truststore), with the store that holds them.</summary>
        public IReadOnlyList<(string Store, StoredCertificate Certificate)> Keys { get; }

        public bool StockEncryptionKey { get; }
    }
}
