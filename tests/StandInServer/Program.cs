// A stand-in for a WSO2 IS node, for tests and the Demo: it reads the node's deployment.toml,
// listens on HTTPS 9443+offset and HTTP 9763+offset, writes repository/logs/wso2carbon.log in
// Carbon's layout, and plays Hazelcast WKA membership over the cluster ports: the oldest live
// member is the coordinator, peers log "Member joined"/"Member left", each member prints its
// member list, and a survivor takes over.
// It starts and stops as Carbon does (ROLLING-RESTART.md): its ports open while it still deploys
// (every request gets 503 until it has started); on SIGTERM its connectors keep taking requests
// while it waits, bounded, for the requests in progress, and whatever is still in flight when it
// then stops is cut. So a restart that NGINX was not drained of fails requests, as it does with IS.
// "?delay=<ms>" slows a request, so requests are in flight when a node stops.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WsoClusterPS.Engine.Toml;

var home = Path.GetFullPath(args[0]);
var toml = TomlEditor.Read(WsoClusterPS.Engine.Hosts.LocalHost.Instance, Path.Combine(home, "repository", "conf", "deployment.toml"));
int Number(string table, string key, int fallback) => toml.Get(table, key) switch { long l => (int)l, string s when int.TryParse(s, out var n) => n, _ => fallback };
var offset = Number("server", "offset", 0);
int https = 9443 + offset, http = 9763 + offset;
var clustered = toml.Get("clustering", "membership_scheme") as string == "wka";
var clusterHost = toml.Get("clustering", "local_member_host") as string ?? "127.0.0.1";
var clusterPort = Number("clustering", "local_member_port", 4000);
var domain = toml.Get("clustering", "domain") as string ?? "wso2.carbon.domain";
var members = ((toml.Get("clustering", "members") as object[]) ?? []).Cast<string>().Where(m => m != $"{clusterHost}:{clusterPort}").ToList();
var started = DateTime.UtcNow;
var healthCheck = toml.Get("carbon_health_check", "enable") is true;
// Carbon waits at most 60 s for requests in progress; scaled down, as the rest of its timings are.
var requestWait = TimeSpan.FromSeconds(3);
var deploying = TimeSpan.FromSeconds(1);
var inFlight = 0;
var state = "STARTING";
var memberId = Guid.NewGuid().ToString();
var startTicks = DateTime.UtcNow.Ticks;

var logs = Path.Combine(home, "repository", "logs");
Directory.CreateDirectory(logs);
var log = new StreamWriter(new FileStream(Path.Combine(logs, "wso2carbon.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
var gate = new object();
void Log(string logger, string message, string level = "INFO")
{
    lock (gate) log.WriteLine($"TID: [-1234] [] [{DateTime.Now:yyyy-MM-dd HH:mm:ss,fff}] [] {level,5} {{{logger}}} - {message}");
}
const string Agent = "org.wso2.carbon.hazelcast.HazelcastClusteringAgent";

Log("org.wso2.carbon.core.internal.CarbonCoreActivator", $"Starting WSO2 Carbon... (stand-in){(args.Contains("-Dsetup") ? " with -Dsetup" : string.Empty)}");
using var key = RSA.Create(2048);
var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Any, https, listen => listen.UseHttps(certificate));
    kestrel.Listen(IPAddress.Any, http);
});
var app = builder.Build();
app.Use(async (context, next) =>
{
    Interlocked.Increment(ref inFlight);
    try
    {
        // Tomcat answers before Carbon has deployed the webapps.
        if (state == "STARTING") { context.Response.StatusCode = 503; return; }
        if (int.TryParse(context.Request.Query["delay"], out var delay)) await Task.Delay(Math.Clamp(delay, 0, 30_000));
        await next(context);
    }
    finally
    {
        Interlocked.Decrement(ref inFlight);
    }
});
// With [carbon_health_check] enable = true the API answers 503 unless the server is RUNNING; off, it only says 200 OK.
app.MapGet("/api/health-check/v1.0/health", () => healthCheck && state != "RUNNING"
    ? Results.Json(new { errors = new[] { new { code = "HC_00004", message = "Server status is " + state } } }, statusCode: 503)
    : Results.Json(new { health = new[] { new { key = "node", value = "healthy" } } }));
app.MapPost("/{**path}", async context =>
{
    using var body = new StreamReader(context.Request.Body);
    var read = (await body.ReadToEndAsync()).Length;
    await context.Response.WriteAsync($"WSO2 Identity Server (stand-in) {home} POST {read}\n");
});
app.MapFallback(context => context.Response.WriteAsync($"WSO2 Identity Server (stand-in) {home}\n"));
await app.StartAsync();

var live = new Dictionary<string, (long Ticks, string Address)>();
var coordinator = false;
var version = 0;
var stop = new CancellationTokenSource();
TcpListener listener = null;
if (clustered)
{
    listener = new TcpListener(IPAddress.Parse(clusterHost), clusterPort);
    // As Hazelcast does: a restarted member must bind while old connections sit in TIME-WAIT.
    listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
    listener.Start();
    _ = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            using var peer = await listener.AcceptTcpClientAsync(stop.Token);
            await using var writer = new StreamWriter(peer.GetStream());
            await writer.WriteLineAsync($"{memberId} {startTicks} {clusterHost}:{clusterPort}");
        }
    });
    Log(Agent, $"Local member: [{memberId}] - Host:{clusterHost}, Remote Host:null, Port: {clusterPort}, HTTP:{http}, HTTPS:{https}, Domain: {domain}, Sub-domain:worker, Active:true");
    Probe(firstRound: true);
    Log(Agent, "Cluster initialization completed");
    _ = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(300);
            Probe(firstRound: false);
        }
    });
}
await Task.Delay(deploying);
state = "RUNNING";
Log("org.wso2.carbon.core.internal.StartupFinalizerServiceComponent", $"WSO2 Carbon started in {(DateTime.UtcNow - started).TotalSeconds:0} sec");

// wso2server.sh stop sends SIGTERM, as the real script does to the JVM.
var done = new TaskCompletionSource();
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; Shutdown(); });
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, signal => { signal.Cancel = true; Shutdown(); });
await done.Task;
return;

void Shutdown()
{
    lock (gate)
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        state = "SHUTTING_DOWN";
    }
    _ = Task.Run(async () =>
    {
        const string Manager = "org.wso2.carbon.core.init.CarbonServerManager";
        Log(Manager, "Shutdown hook triggered....");
        Log(Manager, "Gracefully shutting down WSO2 Identity Server...");
        Log("org.wso2.carbon.core.ServerManagement", "Starting to switch to maintenance mode...");
        // Carbon says so, but its connectors keep taking requests until OSGi stops (its status is no longer RUNNING).
        Log("org.wso2.carbon.core.ServerManagement", "Stopped all transport listeners");
        Log("org.wso2.carbon.core.ServerManagement", "Waiting for request service completion...");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref inFlight) > 0 && waited.Elapsed < requestWait) await Task.Delay(50);
        if (Volatile.Read(ref inFlight) == 0) Log("org.wso2.carbon.core.ServerManagement", "All requests have been served.");
        else Log("org.wso2.carbon.core.ServerManagement", "Timeout occurred even though there are active connections.", "WARN");
        listener?.Stop();
        Log(Manager, "Shutting down OSGi framework...");
        // What is still in flight is cut, as when Carbon's OSGi framework and Tomcat stop.
        using (var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(100))) await app.StopAsync(cut.Token);
        Log(Manager, "Shutdown complete");
        Log(Manager, "Halting JVM");
        done.TrySetResult();
    });
}

// One round of asking every other member who it is; joins, leaves and elections follow from it.
void Probe(bool firstRound)
{
    var seen = new Dictionary<string, (long Ticks, string Address)>();
    foreach (var member in members)
    {
        var parts = member.Split(':');
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(parts[0], int.Parse(parts[1])).Wait(200)) continue;
            var hello = new StreamReader(client.GetStream()).ReadLine()?.Split(' ');
            if (hello is { Length: 3 }) seen[hello[0]] = (long.Parse(hello[1]), hello[2]);
        }
        catch (Exception e) when (e is SocketException || e is AggregateException || e is IOException) { }
    }
    lock (gate)
    {
        if (stop.IsCancellationRequested) return;
        foreach (var (id, peer) in seen.Where(s => !live.ContainsKey(s.Key)))
            if (!firstRound) Log(Agent, $"Member joined [{id}]: /{peer.Address}");
        foreach (var (id, peer) in live.Where(l => !seen.ContainsKey(l.Key)))
            Log(Agent, $"Member left [{id}]: /{peer.Address}");
        if (firstRound || !seen.Keys.ToHashSet().SetEquals(live.Keys)) MemberList(seen);
        live = seen;
        var oldest = !live.Values.Any(p => p.Ticks < startTicks);
        if (oldest && !coordinator) Log(Agent, $"Elected this member [{memberId}] as the Coordinator node");
        coordinator = oldest;
    }
}

// As Hazelcast prints it after every membership change: the list, oldest first, on lines of its own.
void MemberList(Dictionary<string, (long Ticks, string Address)> others)
{
    version++;
    var all = others.Select(o => (Id: o.Key, o.Value.Ticks, o.Value.Address, This: ""))
        .Append((Id: memberId, Ticks: startTicks, Address: $"{clusterHost}:{clusterPort}", This: " this")).OrderBy(m => m.Ticks);
    var lines = all.Select(m => $"\tMember [{m.Address.Split(':')[0]}]:{m.Address.Split(':')[1]} - {m.Id}{m.This}");
    Log("com.hazelcast.internal.cluster.ClusterService", $"[{clusterHost}]:{clusterPort} [{domain}] [5.3.6] \n\n" +
        $"Members {{size:{others.Count + 1}, ver:{version}}} [\n{string.Join("\n", lines)}\n]\n");
}
