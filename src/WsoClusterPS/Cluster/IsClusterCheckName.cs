namespace WsoClusterPS
{
    /// <summary>The checks of Test-IsCluster. docs/Test-IsCluster.md says what each one reads.</summary>
    public enum IsClusterCheckName
    {
        /// <summary>wka membership listing every node, and each node's own cluster address.</summary>
        Clustering,
        /// <summary>No two nodes on one cluster address.</summary>
        ClusterPorts,
        /// <summary>No embedded H2, and every datasource on the same database.</summary>
        Databases,
        /// <summary>One [server] hostname on every node.</summary>
        Hostname,
        /// <summary>Each node answers on its HTTPS port.</summary>
        Https,
        /// <summary>Exactly one coordinator, from the Carbon logs.</summary>
        Coordinator,
        /// <summary>The health API answers 200 through the balancer.</summary>
        LoadBalancer,
        /// <summary>Every deployment.toml key equal on every node, except the keys that are per node by nature.</summary>
        Configuration,
        /// <summary>The same certificate per alias in every keystore and truststore deployment.toml names.</summary>
        Keystores,
        /// <summary>The same [encryption] key on every node.</summary>
        EncryptionKey,
        /// <summary>The same Secure Vault settings (secret-conf.properties) on every node.</summary>
        SecureVault,
        /// <summary>The same jars in repository/components/lib (SHA-256).</summary>
        JdbcDrivers,
        /// <summary>The same product version and update level.</summary>
        ProductVersion,
        /// <summary>The same secondary user stores (repository/deployment/server/userstores/*.xml).</summary>
        UserStores,
        /// <summary>A warning: WSO2's stock keystore, recognised by its certificate, is still in use.</summary>
        StockKeystore,
        /// <summary>A warning: the stock [encryption] key, the same in every pack, is still in use.</summary>
        StockEncryptionKey,
        /// <summary>A warning: a certificate of a keystore or of the balancer expires soon, or has expired.</summary>
        CertificateExpiry,
    }
}
