
namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>One upstream server: an IS node's address and port for the vhost's scheme.</summary>
    public sealed class NginxBackend
    {
        public NginxBackend(string address, int port, string description)
        {
            Address = address;
            Port = port;
            Description = description;
        }

        public string Address { get; }
        public int Port { get; }

        /// <summary>Which node this is, for the generated file's header.</summary>
        public string Description { get; }

        public string Endpoint => (Address.Contains(":") ? "[" + Address + "]" : Address) + ":" + Port;
    }
}
