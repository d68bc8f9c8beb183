using System.Management.Automation;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Nginx;

/// <summary>
/// New-NginxUpstream and Invoke-NginxReload against a real NGINX, with two stand-in IS nodes
/// behind it, and real requests through it on 127.0.0.1.
/// </summary>
public class NginxTrafficTests : InTempFolder, IAsyncLifetime
{
    private readonly CmdletHost _shell;
    private NginxInstance _nginx;
    private TestCertificate _certificate;
    private readonly List<StandInBackend> _backends = [];
    private readonly int _httpsPort = FreePorts.One();
    private readonly int _httpPort = FreePorts.One();
    private readonly Dictionary<string, int> _offsets = [];

    public NginxTrafficTests() => _shell = new CmdletHost(Temp.Path);

    public async Task InitializeAsync()
    {
        if (RealPart.SkipReason("nginx") != null) return;
        _certificate = new TestCertificate(Temp.Path);
        _nginx = NginxInstance.Start(Temp.Combine("nginx"));
        var pack = StandInPack.Make(Temp.Combine("pack"));
        var offsets = new[] { FreePorts.IsOffset(), FreePorts.IsOffset() };
        (_offsets["manager"], _offsets["worker"]) = (offsets[0], offsets[1]);
        _shell.Run("$nodes = @(New-IsClusterNode $pack ./manager -Role Manager -Offset $o0 -ClusterHost 127.0.0.1; New-IsClusterNode $pack ./worker -Offset $o1 -ClusterHost 127.0.0.1)",
                   new Dictionary<string, object> { ["pack"] = pack, ["o0"] = offsets[0], ["o1"] = offsets[1] });
        _backends.Add(await StandInBackend.StartAsync("manager", 9443 + offsets[0], 9763 + offsets[0], _certificate.Certificate));
        _backends.Add(await StandInBackend.StartAsync("worker", 9443 + offsets[1], 9763 + offsets[1], _certificate.Certificate));
    }

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
        _nginx?.Dispose();
        _shell.Dispose();
        base.Dispose();
    }

    public override void Dispose()
    {
    }

    private CmdletHost.Result Deploy(string options = "", string reloadOptions = "") => _shell.Run(
        "$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath $crt -CertificateKeyPath $key " +
        $"-ListenAddress 127.0.0.1 -ListenPort $https -HttpListenPort $http {options} | " +
        $"Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config {reloadOptions}",
        new Dictionary<string, object>
        {
            ["conf"] = _nginx.ConfDirectory, ["crt"] = _certificate.CertificatePath, ["key"] = _certificate.KeyPath,
            ["https"] = _httpsPort, ["http"] = _httpPort, ["nginx"] = _nginx.Binary, ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath,
        });

    private static NginxReloadResult Reloaded(CmdletHost.Result result)
    {
        Assert.Empty(result.Errors);
        return Assert.Single(result.Objects<NginxReloadResult>());
    }

    private async Task<List<string>> GetAsync(string scheme, int port, int count, Action<X509Certificate2> seen = null)
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => { seen?.Invoke(new X509Certificate2(certificate!)); return true; },
        };
        using var client = new HttpClient(handler);
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{scheme}://127.0.0.1:{port}/carbon/");
            request.Headers.Host = "wso2.is";
            answers.Add((await client.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadAsStringAsync().Result.Trim());
        }
        return answers;
    }

    private static string Field(string answer, string name) =>
        answer.Split(' ').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    [NeedsFact("nginx")]
    public async Task Without_stickiness_requests_reach_every_node_over_https_and_http()
    {
        var result = Reloaded(Deploy("-Sticky None"));
        Assert.True(result.Tested && result.Reloaded && !result.RolledBack);

        var https = await GetAsync("https", _httpsPort, 10);
        Assert.Equal(["manager", "worker"], https.Select(a => Field(a, "node")).Distinct().Order());
        Assert.All(https, a => Assert.Equal(("https", "https", "wso2.is", "wso2.is", "127.0.0.1"), (Field(a, "scheme"), Field(a, "proto"), Field(a, "host"), Field(a, "fwdhost"), Field(a, "fwdfor"))));
        Assert.All(https, a => Assert.Equal(9443 + _offsets[Field(a, "node")], int.Parse(Field(a, "port"))));

        var http = await GetAsync("http", _httpPort, 10);
        Assert.Equal(["manager", "worker"], http.Select(a => Field(a, "node")).Distinct().Order());
        Assert.All(http, a => Assert.Equal(("http", "http"), (Field(a, "scheme"), Field(a, "proto"))));
        Assert.All(http, a => Assert.Equal(9763 + _offsets[Field(a, "node")], int.Parse(Field(a, "port"))));
    }

    [NeedsFact("nginx")]
    public async Task With_ip_hash_a_client_stays_on_one_node()
    {
        Reloaded(Deploy());
        Assert.Single((await GetAsync("https", _httpsPort, 12)).Select(a => Field(a, "node")).Distinct());
        Assert.Single((await GetAsync("http", _httpPort, 12)).Select(a => Field(a, "node")).Distinct());
    }

    [NeedsFact("nginx")]
    public async Task Https_terminates_with_the_given_certificate_and_plain_requests_keep_upstream_connections()
    {
        Reloaded(Deploy());
        X509Certificate2 presented = null;
        var answers = await GetAsync("https", _httpsPort, 3, c => presented = c);
        Assert.Equal(_certificate.Certificate.Thumbprint, presented.Thumbprint);
        // No "Connection: upgrade" or "close" on ordinary requests: the upstream keepalive pool is used.
        Assert.All(answers, a => Assert.Equal(string.Empty, Field(a, "connection")));
    }

    [NeedsFact("nginx")]
    public async Task A_websocket_upgrade_passes_through()
    {
        Reloaded(Deploy());
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{_httpsPort}/ws"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Matches("^(manager|worker):hello$", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [NeedsFact("nginx")]
    public async Task A_second_generate_and_reload_changes_nothing()
    {
        Reloaded(Deploy());
        var file = Path.Combine(_nginx.ConfDirectory, "is.https.conf");
        var written = (File.ReadAllText(file), File.GetLastWriteTimeUtc(file));

        var again = _shell.Run("$sites = $nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath $crt -CertificateKeyPath $key -ListenAddress 127.0.0.1 -ListenPort $https -HttpListenPort $http; $sites",
            new Dictionary<string, object> { ["conf"] = _nginx.ConfDirectory, ["crt"] = _certificate.CertificatePath, ["key"] = _certificate.KeyPath, ["https"] = _httpsPort, ["http"] = _httpPort });
        Assert.All(again.Objects<NginxSite>(), s => Assert.False(s.Changed));
        Assert.Equal(2, again.Objects<NginxSite>().Count());
        var result = Reloaded(_shell.Run("$sites | Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config",
            new Dictionary<string, object> { ["nginx"] = _nginx.Binary, ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath }));
        Assert.True(result.Tested);
        Assert.False(result.Reloaded);
        Assert.Equal(written, (File.ReadAllText(file), File.GetLastWriteTimeUtc(file)));
        await GetAsync("https", _httpsPort, 1);
    }

    [NeedsFact("nginx")]
    public void A_reload_of_an_nginx_that_is_not_running_says_so_and_how_to_start_it()
    {
        _nginx.Run("-s", "quit");
        var pid = Path.Combine(_nginx.Prefix, "logs", "nginx.pid");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); File.Exists(pid) && DateTime.UtcNow < deadline;) Thread.Sleep(50);

        var error = Assert.Single(Deploy().Errors);

        Assert.Equal("InvokeNginxReloadNginxRejected", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("NGINX is not running on localhost", error.Exception.Message);
        Assert.Contains("Start it", error.Exception.Message);
        Assert.DoesNotContain("invalid PID", error.Exception.Message);
    }

    [NeedsFact("nginx")]
    public async Task A_config_nginx_refuses_is_rolled_back_while_the_old_one_keeps_serving()
    {
        Reloaded(Deploy());
        var file = Path.Combine(_nginx.ConfDirectory, "is.https.conf");
        var good = File.ReadAllText(file);
        // Exists, so New-NginxUpstream takes it, but it is no certificate: nginx -t fails.
        File.WriteAllText(Temp.Combine("bogus.crt"), "not a certificate\n");

        var result = _shell.Run(
            "$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath $crt -CertificateKeyPath $key -ListenAddress 127.0.0.1 -ListenPort $https -HttpListenPort $http | " +
            "Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config",
            new Dictionary<string, object>
            {
                ["conf"] = _nginx.ConfDirectory, ["crt"] = Temp.Combine("bogus.crt"), ["key"] = _certificate.KeyPath, ["https"] = _httpsPort, ["http"] = _httpPort,
                ["nginx"] = _nginx.Binary, ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath,
            });

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvokeNginxReloadNginxRejected", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("nginx -t refused the configuration: [emerg] cannot load certificate", error.Exception.Message);
        Assert.Contains("was put back and nginx -t passes again", error.Exception.Message);
        Assert.True(((NginxReloadResult)error.TargetObject).RolledBack);
        Assert.Equal(good, File.ReadAllText(file));
        X509Certificate2 presented = null;
        await GetAsync("https", _httpsPort, 2, c => presented = c);
        Assert.Equal(_certificate.Certificate.Thumbprint, presented.Thumbprint);
    }

    [NeedsFact("nginx")]
    public async Task A_port_in_use_fails_the_reload_and_is_rolled_back()
    {
        Reloaded(Deploy());
        var file = Path.Combine(_nginx.ConfDirectory, "is.http.conf");
        var good = File.ReadAllText(file);
        var busyPort = FreePorts.One();
        using var squatter = new TcpListener(System.Net.IPAddress.Loopback, busyPort);
        squatter.Start();

        var result = _shell.Run(
            "$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath $crt -CertificateKeyPath $key -ListenAddress 127.0.0.1 -ListenPort $https -HttpListenPort $busy | " +
            "Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config",
            new Dictionary<string, object>
            {
                ["conf"] = _nginx.ConfDirectory, ["crt"] = _certificate.CertificatePath, ["key"] = _certificate.KeyPath, ["https"] = _httpsPort, ["busy"] = busyPort,
                ["nginx"] = _nginx.Binary, ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath,
            });

        var error = Assert.Single(result.Errors);
        Assert.Contains("NGINX did not apply the new configuration", error.Exception.Message);
        Assert.Contains($"bind() to 127.0.0.1:{busyPort} failed", error.Exception.Message);
        Assert.True(((NginxReloadResult)error.TargetObject).RolledBack);
        Assert.Equal(good, File.ReadAllText(file));
        Assert.Equal(2, (await GetAsync("http", _httpPort, 2)).Count);
    }

    [NeedsFact("nginx")]
    public void WhatIf_writes_no_file_and_a_missing_certificate_stops_before_writing()
    {
        var whatIf = _shell.Run("$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath $crt -CertificateKeyPath $key -WhatIf",
            new Dictionary<string, object> { ["conf"] = _nginx.ConfDirectory, ["crt"] = _certificate.CertificatePath, ["key"] = _certificate.KeyPath });
        Assert.Empty(whatIf.Errors);
        Assert.Empty(whatIf.Output);
        Assert.Empty(Directory.GetFiles(_nginx.ConfDirectory));

        var missing = _shell.Run("$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -CertificatePath ./nope.crt -CertificateKeyPath $key",
            new Dictionary<string, object> { ["conf"] = _nginx.ConfDirectory, ["key"] = _certificate.KeyPath });
        var error = Assert.Single(missing.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("nope.crt' does not exist", error.Exception.Message);
        Assert.Empty(Directory.GetFiles(_nginx.ConfDirectory));
    }

    [NeedsFact("nginx")]
    public async Task A_certificate_object_becomes_the_balancers_PEM_files_is_served_and_its_end_is_checked()
    {
        var balancer = new TestCertificate(Temp.Path, "wso2.is");
        var ssl = Directory.CreateDirectory(Temp.Combine("ssl")).FullName;
        var variables = new Dictionary<string, object>
        {
            ["conf"] = _nginx.ConfDirectory, ["cert"] = balancer.Certificate, ["crt"] = Path.Combine(ssl, "wso2.is.crt"),
            ["key"] = Path.Combine(ssl, "wso2.is.key"), ["https"] = _httpsPort, ["http"] = _httpPort, ["nginx"] = _nginx.Binary,
            ["prefix"] = _nginx.Prefix, ["config"] = _nginx.ConfigPath,
        };
        const string Deploy = "$nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $conf -Certificate $cert -CertificatePath $crt " +
            "-CertificateKeyPath $key -ListenAddress 127.0.0.1 -ListenPort $https -HttpListenPort $http -Verbose | " +
            "Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config";

        var whatIf = _shell.Run(Deploy.Replace(" -Verbose |", " -WhatIf |"), variables);
        Assert.Empty(whatIf.Errors);
        Assert.False(File.Exists((string)variables["key"]));

        var deployed = _shell.Run(Deploy, variables);
        Assert.Empty(deployed.Errors);
        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode((string)variables["key"]));
        Assert.Equal(balancer.Certificate.Thumbprint, X509Certificate2.CreateFromPemFile((string)variables["crt"], (string)variables["key"]).Thumbprint);
        string served = null;
        await GetAsync("https", _httpsPort, 1, c => served = c.Thumbprint);
        Assert.Equal(balancer.Certificate.Thumbprint, served);
        var shown = string.Join("\n", deployed.Verbose.Concat(deployed.Warnings).Concat(whatIf.Verbose).Concat(whatIf.Console)
            .Concat(deployed.Output.Select(o => o.ToString())));
        Assert.DoesNotContain("PRIVATE KEY", shown);
        Assert.Contains("the balancer's private key for CN=wso2.is", shown);

        var written = File.GetLastWriteTimeUtc((string)variables["key"]);
        Assert.Empty(_shell.Run(Deploy, variables).Errors);
        Assert.Equal(written, File.GetLastWriteTimeUtc((string)variables["key"]));

        var expiry = _shell.Run($"$nodes | Test-IsCluster -LoadBalancerUri https://127.0.0.1:{_httpsPort}/ -SkipCertificateCheck")
            .Objects<IsClusterCheck>().Single(c => c.Check == IsClusterCheckName.CertificateExpiry && c.Target.StartsWith("https://"));
        Assert.Equal(IsClusterCheckOutcome.Warning, expiry.Outcome);
        Assert.Matches(@"the balancer's certificate \(CN=wso2\.is\) expires on \d{4}-\d\d-\d\d, in (29|30) days", expiry.Reason);
    }
}
