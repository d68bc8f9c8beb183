using System.Net;

namespace WsoClusterPS.Traffic;

/// <summary>What traffic to send: where, from which client addresses, how many clients, and how slow.</summary>
public sealed class TrafficOptions
{
    /// <summary>NGINX's plain-HTTP listener.</summary>
    public IPEndPoint Target { get; set; }

    public string HostHeader { get; set; } = "wso2.is";

    /// <summary>Client source addresses. ip_hash keys on the first three octets, so vary the third (127.0.0.x all hash alike).</summary>
    public IReadOnlyList<IPAddress> Sources { get; set; } = [IPAddress.Loopback];

    /// <summary>Clients per source: even ones keep their connection alive, odd ones open one per request.</summary>
    public int ClientsPerSource { get; set; } = 2;

    /// <summary>Every n-th request of a client asks the server to take <see cref="SlowMilliseconds"/>.</summary>
    public int SlowEvery { get; set; } = 5;

    public int SlowMilliseconds { get; set; } = 300;

    /// <summary>A request with no full answer in this time counts as a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
