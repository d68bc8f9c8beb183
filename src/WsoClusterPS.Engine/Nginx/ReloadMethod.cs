namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>How NGINX is asked to reload; the cmdlets show it as NginxReloadMethod.</summary>
    public enum ReloadMethod
    {
        /// <summary><c>nginx -s reload</c>, with the same -p and -c as the test.</summary>
        Signal,

        /// <summary><c>service nginx reload</c>.</summary>
        Service,

        /// <summary><c>systemctl reload nginx</c>.</summary>
        Systemctl,
    }
}
