// A stand-in for a WSO2 IS node, for tests and the Demo: it reads the node's deployment.toml,
// listens on HTTPS 9443+offset and HTTP 9763+offset, writes repository/logs/wso2carbon.log in
// Carbon's layout, and plays Hazelcast WKA membership over the cluster ports: the oldest live
// member is the coordinator, peers log "Member joined"/"Member left", and a survivor takes over.
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
app.MapGet("/api/health-check/v1.0/health", () => Results.Json(new { health = new[] { new { key = "node", value = "healthy" } } }));
app.MapFallback(context => context.Response.WriteAsync($"WSO2 Identity Server (stand-in) {home}\n"));
await app.StartAsync();

var live = new Dictionary<string, (long Ticks, string Address)>();
var coordinator = false;
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
    }
    Log("org.wso2.carbon.core.init.CarbonServerManager", "Shutdown hook triggered....");
    listener?.Stop();
    app.StopAsync().Wait();
    Log("org.wso2.carbon.core.init.CarbonServerManager", "Halting JVM");
    done.TrySetResult();
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
        live = seen;
        var oldest = !live.Values.Any(p => p.Ticks < startTicks);
        if (oldest && !coordinator) Log(Agent, $"Elected this member [{memberId}] as the Coordinator node");
        coordinator = oldest;
    }
}
