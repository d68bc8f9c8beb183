namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>One <c>server</c> line of an NGINX upstream.</summary>
    public sealed class UpstreamServer
    {
        public UpstreamServer(string upstream, string address, bool down, bool drainedByUs)
        {
            Upstream = upstream;
            Address = address;
            Down = down;
            DrainedByUs = drainedByUs;
        }

        public string Upstream { get; }

        /// <summary>As the line writes it: host:port for the upstreams New-NginxUpstream writes.</summary>
        public string Address { get; }

        /// <summary>Marked <c>down</c>: NGINX sends it nothing.</summary>
        public bool Down { get; }

        /// <summary>Marked down by a drain of this module, which knows how to put it back.</summary>
        public bool DrainedByUs { get; }
    }
}
