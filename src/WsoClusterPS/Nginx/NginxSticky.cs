namespace WsoClusterPS
{
    /// <summary>How NGINX keeps a client on one IS node (WSO2's console, recovery and sign-up need it).</summary>
    public enum NginxSticky
    {
        /// <summary><c>ip_hash</c>: by the client's address (the first three octets of IPv4).</summary>
        IpHash,

        /// <summary><c>hash $cookie_JSESSIONID consistent</c>: by IS's session cookie; round robin until it is set.</summary>
        Cookie,

        /// <summary>Round robin.</summary>
        None,
    }
}
