using System.Net.Sockets;
using System.Net;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Tests.Support;

/// <summary>Loopback ports nobody listens on, for the real servers the tests start.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    public static int One()
    {
        lock (Gate)
        {
            while (true)
            {
                var port = Probe(0);
                if (Handed.Add(port)) return port;
            }
        }
    }

    /// <summary>
    /// An IS port offset whose HTTPS (9443+offset) and HTTP (9763+offset) ports are both free, and
    /// below the kernel's ephemeral range (32768 up), where a client connection could take them first.
    /// </summary>
    public static int IsOffset()
    {
        lock (Gate)
        {
            for (var offset = Random.Shared.Next(10000, 22000); ; offset++)
            {
                int https = IsPorts.Https(offset), http = IsPorts.Http(offset);
                if (Handed.Contains(https) || Handed.Contains(http) || !IsFree(https) || !IsFree(http)) continue;
                Handed.Add(https);
                Handed.Add(http);
                return offset;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try { Probe(port); return true; }
        catch (SocketException) { return false; }
    }

    private static int Probe(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var bound = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return bound;
    }
}
