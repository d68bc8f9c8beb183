using System.Net;
using WsoClusterPS.Engine.Rolling;
using WsoClusterPS.Traffic;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// Clustered stand-in nodes ($nodes, running) behind a real NGINX's HTTP vhost ($sites), and
/// counted traffic through it: the ground the rolling-restart tests stand on.
/// </summary>
public sealed class TrafficCluster : IDisposable
{
    public const string NginxParameters = "-NginxPath $nginx -Prefix $prefix -ConfigPath $config";
    private readonly CmdletHost _shell;
    private readonly int _port = FreePorts.One();

    /// <param name="healthCheck">Turns Carbon's health API on in every node, so readiness asks it.</param>
    public TrafficCluster(CmdletHost shell, TempFolder temp, int count, bool healthCheck = false)
    {
        _shell = shell;
        Nginx = NginxInstance.Start(temp.Combine("nginx"));
        var make = string.Join("; ", Enumerable.Range(0, count).Select(i =>
            $"New-IsClusterNode $pack ./node{i} -Offset {FreePorts.IsOffset()} -ClusterHost 127.0.0.1 -ClusterPort {FreePorts.One()}"));
        var variables = Variables;
        variables["pack"] = StandInPack.Make(temp.Combine("pack"));
        variables["port"] = _port;
        var result = shell.Run($"$nodes = @({make}); $nodes | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue; " +
            (healthCheck ? "$nodes | ForEach-Object { Add-Content $_.DeploymentToml \"`n[carbon_health_check]`nenable = true\" }; " : string.Empty) +
            "$sites = $nodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $conf -ListenAddress 127.0.0.1 " +
            $"-HttpListenPort $port; $null = $sites | Invoke-NginxReload {NginxParameters}; $nodes | Start-IsNode -Wait -TimeoutSeconds 60",
            variables);
        Assert.Empty(result.Errors);
    }

    public NginxInstance Nginx { get; }

    public string SiteFile => Path.Combine(Nginx.ConfDirectory, "is.http.conf");

    /// <summary>$nginx, $prefix, $config and $conf: where the private NGINX is.</summary>
    public Dictionary<string, object> Variables => new()
    {
        ["nginx"] = Nginx.Binary, ["prefix"] = Nginx.Prefix, ["config"] = Nginx.ConfigPath, ["conf"] = Nginx.ConfDirectory,
    };

    /// <summary>Runs <paramref name="script"/> while traffic flows, and the traffic on for a moment after it.</summary>
    public (CmdletHost.Result Result, TrafficReport Traffic, DateTime Ended) UnderTraffic(string script,
        IDictionary<string, object> extra = null)
    {
        var variables = Variables;
        foreach (var (name, value) in extra ?? new Dictionary<string, object>()) variables[name] = value;
        return UnderTraffic(_shell, _port, script, variables);
    }

    /// <summary>Runs <paramref name="script"/> while traffic flows to NGINX on loopback <paramref name="port"/>, and the
    /// traffic on for a moment after it.</summary>
    public static (CmdletHost.Result Result, TrafficReport Traffic, DateTime Ended) UnderTraffic(CmdletHost shell, int port, string script,
        IDictionary<string, object> variables)
    {
        using var stop = new CancellationTokenSource();
        var options = new TrafficOptions
        {
            Target = new IPEndPoint(IPAddress.Loopback, port),
            Sources = Enumerable.Range(0, 6).Select(third => IPAddress.Parse($"127.0.{third}.1")).ToList(),
        };
        var traffic = Traffic.Traffic.RunAsync(options, stop.Token);
        Thread.Sleep(1000);
        var result = shell.Run(script, variables);
        var ended = DateTime.UtcNow;
        Thread.Sleep(1500);
        stop.Cancel();
        return (result, traffic.GetAwaiter().GetResult(), ended);
    }

    public static void NoneFailed(TrafficReport traffic) =>
        Assert.True(traffic.Failed == 0, $"{traffic.Failed} of {traffic.Total} requests failed: {string.Join("; ", traffic.Samples)}");

    public void Dispose()
    {
        _shell.Run("$nodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue");
        Nginx.Dispose();
    }
}
