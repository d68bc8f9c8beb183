using System;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>Where to connect to reach a service as a host sees it; closing it ends any forward.</summary>
    public sealed class Tunnel : IDisposable
    {
        private readonly Action _close;

        public Tunnel(string host, int port, string route, Action close)
        {
            Host = host;
            Port = port;
            Route = route;
            _close = close;
        }

        public string Host { get; }
        public int Port { get; }

        /// <summary>How the connection travels, for messages: empty when direct.</summary>
        public string Route { get; }

        public void Dispose() => _close?.Invoke();
    }
}
