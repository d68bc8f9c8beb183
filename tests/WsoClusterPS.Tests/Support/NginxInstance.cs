using System.Diagnostics;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A real NGINX from the OS package, run under a temp prefix: its own nginx.conf (pid, error log
/// and the five temp paths inside the prefix, as a non-system instance needs) that includes the
/// generated files in conf.d/. No systemd, no system ports.
/// </summary>
public sealed class NginxInstance : IDisposable
{
    private NginxInstance(string prefix, string nginx)
    {
        Prefix = prefix;
        Binary = nginx;
    }

    public string Prefix { get; }
    public string Binary { get; }
    public string ConfigPath => Path.Combine(Prefix, "conf", "nginx.conf");
    public string ConfDirectory => Path.Combine(Prefix, "conf.d");
    public string ErrorLog => Path.Combine(Prefix, "logs", "error.log");

    public static NginxInstance Start(string prefix)
    {
        var nginx = new NginxInstance(prefix, RealPart.Require("nginx"));
        foreach (var dir in new[] { "conf", "conf.d", "logs", "tmp" }) Directory.CreateDirectory(Path.Combine(prefix, dir));
        var tmp = Path.Combine(prefix, "tmp");
        File.WriteAllText(nginx.ConfigPath, $$"""
            worker_processes 1;
            pid {{prefix}}/logs/nginx.pid;
            error_log {{prefix}}/logs/error.log;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{tmp}}/body;
                proxy_temp_path {{tmp}}/proxy;
                fastcgi_temp_path {{tmp}}/fastcgi;
                uwsgi_temp_path {{tmp}}/uwsgi;
                scgi_temp_path {{tmp}}/scgi;
                include {{prefix}}/conf.d/*.conf;
            }
            """);
        nginx.Run();
        return nginx;
    }

    /// <summary>Runs nginx with this instance's prefix and configuration, and the given action (none: start).</summary>
    public string Run(params string[] action)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", Prefix, "-e", ErrorLog, "-c", ConfigPath }.Concat(action)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"nginx {string.Join(' ', action)} failed: {output}");
        return output;
    }

    public void Dispose()
    {
        var pidFile = Path.Combine(Prefix, "logs", "nginx.pid");
        // nginx -t leaves an empty pid file behind a stopped NGINX.
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return;
        using var master = Process.GetProcessById(pid);
        master.Kill(entireProcessTree: true);
        master.WaitForExit(5000);
    }
}
