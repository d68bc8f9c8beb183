namespace WsoClusterPS
{
    /// <summary>Which vhosts New-NginxUpstream writes.</summary>
    public enum NginxScheme
    {
        Both,
        Https,
        Http,
    }
}
