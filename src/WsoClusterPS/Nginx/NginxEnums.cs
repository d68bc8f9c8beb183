namespace WsoClusterPS
{
    /// <summary>Which vhosts New-NginxUpstream writes.</summary>
    public enum NginxScheme
    {
        Both,
        Https,
        Http,
    }

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

    /// <summary>How Invoke-NginxReload asks NGINX to reload.</summary>
    public enum NginxReloadMethod
    {
        /// <summary><c>nginx -s reload</c>, with the same -p and -c as the test.</summary>
        Signal,

        /// <summary><c>service nginx reload</c>.</summary>
        Service,

        /// <summary><c>systemctl reload nginx</c>.</summary>
        Systemctl,
    }
}
