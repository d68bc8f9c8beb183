using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// Stands in for an IS node behind NGINX: HTTPS on 9443+offset and HTTP on 9763+offset of
/// 127.0.0.1. It answers with its name and the headers NGINX sent, and echoes on /ws (WebSocket).
/// </summary>
public sealed class StandInBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInBackend(WebApplication app) => _app = app;

    public static async Task<StandInBackend> StartAsync(string name, int httpsPort, int httpPort, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, httpsPort, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, httpPort);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            var reply = System.Text.Encoding.UTF8.GetBytes(name + ":" + System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
            await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        });
        app.MapFallback(context => context.Response.WriteAsync(
            $"node={name} scheme={context.Request.Scheme} port={context.Connection.LocalPort} " +
            $"proto={context.Request.Headers["X-Forwarded-Proto"]} host={context.Request.Headers.Host} " +
            $"fwdhost={context.Request.Headers["X-Forwarded-Host"]} fwdfor={context.Request.Headers["X-Forwarded-For"]} " +
            $"connection={context.Request.Headers.Connection}\n"));
        await app.StartAsync();
        return new StandInBackend(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
