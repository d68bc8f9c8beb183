namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>The checks of Test-IsCluster, by name.</summary>
    public enum CheckName
    {
        Clustering,
        ClusterPorts,
        Databases,
        Hostname,
        Https,
        Coordinator,
        LoadBalancer,
        Configuration,
        Keystores,
        EncryptionKey,
        SecureVault,
        JdbcDrivers,
        ProductVersion,
        UserStores,
        StockKeystore,
        StockEncryptionKey,
        CertificateExpiry,
    }
}
