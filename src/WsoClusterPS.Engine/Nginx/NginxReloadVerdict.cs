namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>How a test-and-reload of NGINX ended.</summary>
    public enum NginxReloadVerdict
    {
        /// <summary>nginx -t passed and NGINX runs the new configuration.</summary>
        Reloaded,

        /// <summary>No site file changed: the configuration tests fine and was not reloaded.</summary>
        Unchanged,

        /// <summary>nginx -t refused the configuration; the changed sites were put back.</summary>
        TestRefused,

        /// <summary>nginx -t passed but NGINX did not apply it (a port in use); the changed sites were put back.</summary>
        NotApplied,

        /// <summary>NGINX could not be asked at all (not installed, sudo refused); the changed sites were put back.</summary>
        Failed,
    }
}
