namespace WsoClusterPS
{
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
