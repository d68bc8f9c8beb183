using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Is.Keystores
{
    /// <summary>What one node gets: the keystore file, the truststore that trusts it, and the deployment.toml that names them.</summary>
    public sealed class KeystorePlan
    {
        public KeystorePlan(NodeRecord node, FileWrite keystore, FileWrite truststore, VaultEdit files)
        {
            Node = node;
            Keystore = keystore;
            Truststore = truststore;
            Files = files;
        }

        public NodeRecord Node { get; }

        /// <summary>Null when the node holds the same bytes already.</summary>
        public FileWrite Keystore { get; }

        /// <summary>Null when the truststore trusts the certificate already.</summary>
        public FileWrite Truststore { get; }

        public VaultEdit Files { get; }
    }
}
