using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WsoClusterPS.Traffic;

/// <summary>
/// Closed-loop HTTP/1.1 clients over plain sockets, so nothing retries behind our back (Go's and
/// .NET's clients may retry a request on a reused connection: ROLLING-RESTART.md §5). A client
/// checks a kept-alive connection before reusing it, as browsers do, and counts every request.
/// </summary>
public static class Traffic
{
    public static async Task<TrafficReport> RunAsync(TrafficOptions options, CancellationToken stop)
    {
        var report = new TrafficReport();
        var clients = options.Sources.SelectMany(source => Enumerable.Range(0, options.ClientsPerSource)
            .Select(i => Task.Run(() => Client(options, source, keepAlive: i % 2 == 0, report, stop)))).ToList();
        await Task.WhenAll(clients);
        report.End();
        return report;
    }

    private static void Client(TrafficOptions options, IPAddress source, bool keepAlive, TrafficReport report, CancellationToken stop)
    {
        Socket socket = null;
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var post = n % 2 == 0;
            var path = (post ? "/oauth2/token" : "/carbon/") + (n % options.SlowEvery == 0 ? $"?delay={options.SlowMilliseconds}" : string.Empty);
            var request = $"{(post ? "POST" : "GET")} {path} from {source}{(keepAlive ? " (kept alive)" : string.Empty)}";
            if (socket != null && Closed(socket)) Close(ref socket);
            var reused = socket != null;
            var answered = false;
            try
            {
                socket ??= Connect(options, source);
                Send(socket, options, path, post, keepAlive);
                var (status, body, serverCloses) = Read(socket, () => answered = true);
                if (status is >= 200 and < 300) report.RecordSuccess(Node(body), DateTime.UtcNow);
                else report.RecordFailure($"HTTP {status}", request);
                if (!keepAlive || serverCloses) Close(ref socket);
            }
            catch (Exception error) when (error is SocketException or IOException or EndOfStreamException)
            {
                Close(ref socket);
                if (reused && !answered) report.RecordKeepAliveRace();
                else report.RecordFailure(Kind(error), request);
            }
        }
        Close(ref socket);
    }

    private static Socket Connect(TrafficOptions options, IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)options.RequestTimeout.TotalMilliseconds,
            SendTimeout = (int)options.RequestTimeout.TotalMilliseconds,
        };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            socket.Connect(options.Target);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Send(Socket socket, TrafficOptions options, string path, bool post, bool keepAlive)
    {
        const string Form = "grant_type=client_credentials&scope=openid";
        var text = new StringBuilder()
            .Append(post ? "POST " : "GET ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(options.HostHeader).Append("\r\n")
            .Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n");
        if (post) text.Append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").Append(Form.Length).Append("\r\n\r\n").Append(Form);
        else text.Append("\r\n");
        socket.Send(Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>One response: its status, its body, and whether the server closes the connection after it.</summary>
    private static (int Status, string Body, bool ServerCloses) Read(Socket socket, Action firstByte)
    {
        var reader = new ResponseReader(socket, firstByte);
        var statusLine = reader.Line();
        var status = int.Parse(statusLine.Split(' ')[1]);
        var length = -1;
        var chunked = false;
        var closes = false;
        for (var header = reader.Line(); header.Length > 0; header = reader.Line())
        {
            var colon = header.IndexOf(':');
            var (name, value) = (header[..colon].Trim().ToLowerInvariant(), header[(colon + 1)..].Trim());
            if (name == "content-length") length = int.Parse(value);
            else if (name == "transfer-encoding" && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
            else if (name == "connection" && value.Equals("close", StringComparison.OrdinalIgnoreCase)) closes = true;
        }
        string body;
        if (chunked)
        {
            var all = new StringBuilder();
            for (var size = Convert.ToInt32(reader.Line().Split(';')[0], 16); size > 0; size = Convert.ToInt32(reader.Line().Split(';')[0], 16))
            {
                all.Append(reader.Bytes(size));
                reader.Line();
            }
            while (reader.Line().Length > 0) { }
            body = all.ToString();
        }
        else if (length >= 0) body = reader.Bytes(length);
        else
        {
            body = reader.Rest();
            closes = true;
        }
        return (status, body, closes);
    }

    /// <summary>The node's folder name from the stand-in's answer "WSO2 Identity Server (stand-in) /path/to/node".</summary>
    private static string Node(string body)
    {
        const string Marker = "(stand-in) ";
        var at = body.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return "(unknown)";
        var home = body[(at + Marker.Length)..].Split('\n')[0].Split(" POST ")[0].Trim();
        return Path.GetFileName(home.TrimEnd('/'));
    }

    private static bool Closed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static void Close(ref Socket socket)
    {
        socket?.Dispose();
        socket = null;
    }

    private static string Kind(Exception error) => error switch
    {
        SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } => "timeout",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.ConnectionReset } => "connection reset",
        SocketException socket => "socket " + socket.SocketErrorCode,
        _ => "connection closed before the answer",
    };
}
