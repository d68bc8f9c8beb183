namespace WsoClusterPS.Engine.Ssh
{
    public enum KnownHostVerdict
    {
        Trusted,
        Unknown,
        Changed,
        Revoked,
    }
}
