// TrafficGenerator --target 127.0.0.1:8080 --sources 127.0.0.1,127.0.1.1 [--clients 2] [--seconds 10 | --stop-file path]
//   [--slow-every 5] [--slow-ms 300] [--host wso2.is]
// Prints the report as JSON: every request counted, failures by kind, and what each node served.
using System.Net;
using System.Text.Json;
using WsoClusterPS.Traffic;

var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--")).ToDictionary(p => p.a[2..], p => args[p.i + 1]);
string Get(string name, string fallback = null) => arguments.TryGetValue(name, out var value) ? value : fallback;
var options = new TrafficOptions
{
    Target = IPEndPoint.Parse(Get("target")),
    Sources = Get("sources", "127.0.0.1").Split(',').Select(IPAddress.Parse).ToList(),
    ClientsPerSource = int.Parse(Get("clients", "2")),
    SlowEvery = int.Parse(Get("slow-every", "5")),
    SlowMilliseconds = int.Parse(Get("slow-ms", "300")),
    HostHeader = Get("host", "wso2.is"),
};
using var stop = new CancellationTokenSource();
if (Get("seconds") is string seconds) stop.CancelAfter(TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
if (Get("stop-file") is string stopFile)
    _ = Task.Run(async () =>
    {
        while (!File.Exists(stopFile)) await Task.Delay(100);
        stop.Cancel();
    });
var report = await Traffic.RunAsync(options, stop.Token);
Console.WriteLine(JsonSerializer.Serialize(report));
