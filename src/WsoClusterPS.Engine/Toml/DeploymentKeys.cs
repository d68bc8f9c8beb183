using System.Collections.Generic;
using System.Linq;

namespace WsoClusterPS.Engine.Toml
{
    /// <summary>
    /// The tables and keys of WSO2 IS's deployment.toml that the module reads and writes, in one
    /// place; and which of them are per node by nature, so that what differs between nodes on
    /// purpose is told from drift.
    /// </summary>
    public static class DeploymentKeys
    {
        /// <summary>Secure Vault's sealed values, by alias.</summary>
        public const string Secrets = "secrets";

        public const string IdentityDatabase = "database.identity_db";
        public const string SharedDatabase = "database.shared_db";

        /// <summary>The value of <see cref="MembershipScheme"/> for Hazelcast's well-known addresses.</summary>
        public const string Wka = "wka";

        public static readonly TomlKey Offset = new TomlKey("server", "offset", perNode: true);
        public static readonly TomlKey Hostname = new TomlKey("server", "hostname");
        public static readonly TomlKey NodeIp = new TomlKey("server", "node_ip", perNode: true);
        public static readonly TomlKey MembershipScheme = new TomlKey("clustering", "membership_scheme");
        public static readonly TomlKey Domain = new TomlKey("clustering", "domain");
        public static readonly TomlKey LocalMemberHost = new TomlKey("clustering", "local_member_host", perNode: true);
        public static readonly TomlKey LocalMemberPort = new TomlKey("clustering", "local_member_port", perNode: true);
        public static readonly TomlKey Members = new TomlKey("clustering", "members");
        public static readonly TomlKey HttpsProxyPort = new TomlKey("transport.https.properties", "proxyPort");
        public static readonly TomlKey HttpProxyPort = new TomlKey("transport.http.properties", "proxyPort");
        public static readonly TomlKey UserStoreType = new TomlKey("user_store", "type");
        public static readonly TomlKey HealthCheck = new TomlKey("carbon_health_check", "enable");

        /// <summary>The symmetric key the server encrypts its data with: one for the whole cluster.</summary>
        public static readonly TomlKey EncryptionKey = new TomlKey("encryption", "key");
        public static readonly TomlKey CryptoProvider = new TomlKey("encryption", "internal_crypto_provider");

        public static IReadOnlyList<TomlKey> All { get; } = new[]
        {
            Offset, Hostname, NodeIp, MembershipScheme, Domain, LocalMemberHost, LocalMemberPort, Members, HttpsProxyPort, HttpProxyPort,
            UserStoreType, HealthCheck, EncryptionKey, CryptoProvider,
        };

        /// <summary>The keys each node holds its own value of.</summary>
        public static IReadOnlyList<TomlKey> PerNode { get; } = All.Where(k => k.PerNode).ToList();
    }
}
