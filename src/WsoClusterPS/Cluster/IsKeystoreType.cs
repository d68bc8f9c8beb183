namespace WsoClusterPS
{
    /// <summary>The keystore formats WSO2 IS reads: JKS (its stock type up to 7.0) and PKCS12 (from 7.1).</summary>
    public enum IsKeystoreType
    {
        Jks,
        Pkcs12,
    }
}
