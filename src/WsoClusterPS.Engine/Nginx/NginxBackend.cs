
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

        public string Endpoint => EndpointOf(Address, Port);

        /// <summary>host:port as an upstream's server line writes it, an IPv6 address in brackets.</summary>
        public static string EndpointOf(string address, int port) =>
            (address.Contains(":") ? "[" + address + "]" : address) + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The address and port of a server line's host:port; null when it has no port.</summary>
        public static (string Address, int Port)? Parse(string endpoint)
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endpoint.Substring(colon + 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var port)) return null;
            return (endpoint.Substring(0, colon).Trim('[', ']'), port);
        }
    }
}
