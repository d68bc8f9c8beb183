namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>How an upstream keeps a client on one IS node; the cmdlets show it as NginxSticky.</summary>
    public enum Stickiness
    {
        /// <summary><c>ip_hash</c>: by the client's address (the first three octets of IPv4).</summary>
        IpHash,

        /// <summary><c>hash $cookie_JSESSIONID consistent</c>: by IS's session cookie.</summary>
        Cookie,

        /// <summary>Round robin.</summary>
        None,
    }
}
