using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WsoClusterPS.Tests.Support;

/// <summary>A server on 127.0.0.1 that a balancer check talks to: one that accepts and never answers, or an HTTPS one
/// that answers 200 with the certificate it is given.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    private LoopbackServer(X509Certificate2 certificate)
    {
        _listener.Start();
        _ = Task.Run(() => Serve(certificate));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts every connection and never says a word.</summary>
    public static LoopbackServer Silent() => new(null);

    public static LoopbackServer Https(X509Certificate2 certificate) => new(certificate);

    private async Task Serve(X509Certificate2 certificate)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            lock (_held) _held.Add(client);
            if (certificate != null) _ = Task.Run(() => Answer(client, certificate));
        }
    }

    private async Task Answer(TcpClient client, X509Certificate2 certificate)
    {
        try
        {
            using var tls = new SslStream(client.GetStream());
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, bounded.Token);
            var buffer = new byte[4096];
            if (await tls.ReadAsync(buffer, bounded.Token) == 0) return;
            await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"), bounded.Token);
        }
        catch (Exception)
        {
            // The client refused the certificate: that is what some tests want.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held) foreach (var client in _held) client.Dispose();
    }
}
