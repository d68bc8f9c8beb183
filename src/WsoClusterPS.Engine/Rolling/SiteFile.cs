using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>An NGINX configuration file whose upstreams list IS nodes, and the machine NGINX runs on.</summary>
    public sealed class SiteFile
    {
        public SiteFile(IHost host, string path)
        {
            Host = host;
            Path = path;
        }

        public IHost Host { get; }
        public string Path { get; }
    }
}
