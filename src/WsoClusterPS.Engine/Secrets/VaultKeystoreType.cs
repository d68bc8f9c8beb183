namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>The keystore formats WSO2 ships: JKS up to IS 7.0, PKCS12 from 7.1.</summary>
    public enum VaultKeystoreType
    {
        Jks,
        Pkcs12,
    }
}
