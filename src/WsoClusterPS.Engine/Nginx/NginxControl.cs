using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>Tests and reloads an NGINX on a host, and finds out whether the reload really took.</summary>
    public sealed class NginxControl
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
        private readonly IHost _host;
        private readonly string _nginx;
        private readonly string _config;
        private readonly string _prefix;
        private readonly ReloadMethod _method;

        public NginxControl(IHost host, string nginxPath, string configPath, string prefix, ReloadMethod method)
        {
            _host = host;
            _nginx = nginxPath;
            _config = configPath;
            _prefix = prefix;
            _method = method;
        }

        /// <summary><c>nginx -t</c>: does the configuration on disk parse and open?</summary>
        public CommandResult Test() => Nginx("-t");

        /// <summary>Every file of the configuration on disk (<c>nginx -T</c>), with its path and text.</summary>
        public IReadOnlyList<(string Path, string Text)> ConfigurationFiles()
        {
            var dump = Nginx("-T");
            if (!dump.Succeeded)
                throw new NginxException($"nginx -T on {_host.Name} cannot read its configuration: {dump.Combined}", dump.Combined,
                    rolledBack: false);
            return NginxConfigDump.Files(dump.Output);
        }

        /// <summary>
        /// Reloads, then watches the master: a reload whose configuration tests fine can still
        /// fail to apply (a port taken by another program): <c>-s reload</c> exits 0 and the master
        /// logs <c>[emerg]</c> and keeps the old configuration. New worker processes mean it took.
        /// </summary>
        public ReloadCheck Reload(TimeSpan confirmWithin)
        {
            var locations = NginxConfigDump.Parse(Nginx("-T").Output, Nginx("-V").Combined, _prefix);
            var masterPid = Processes.ReadPidFile(_host, locations.PidPath);
            var logStart = locations.ErrorLogPath == null ? -1 : _host.FileLength(locations.ErrorLogPath);
            var workersBefore = Workers(masterPid);
            // nginx -s reload without a live master says only "invalid PID number".
            if (_method == ReloadMethod.Signal && (masterPid == null || !Processes.IsRunning(_host, masterPid.Value)))
                return new ReloadCheck(false, false,
                    $"NGINX is not running on {_host.Name}: there is no live master process in {locations.PidPath ?? "its pid file"}. " +
                    "Start it (nginx with the same -p and -c, or systemctl start nginx), then run again.");

            var signal = Signal();
            if (!signal.Succeeded) return new ReloadCheck(false, false, signal.Combined);

            var deadline = DateTime.UtcNow + confirmWithin;
            while (true)
            {
                var failures = NewEmergencies(locations.ErrorLogPath, logStart);
                if (failures.Length > 0) return new ReloadCheck(false, true, failures);
                var workersNow = Workers(masterPid);
                if (workersBefore != null && workersNow != null && workersNow.Except(workersBefore).Any())
                    return new ReloadCheck(true, true, signal.Combined);
                if (DateTime.UtcNow >= deadline) return new ReloadCheck(true, false, signal.Combined);
                Thread.Sleep(100);
            }
        }

        private CommandResult Signal()
        {
            switch (_method)
            {
                case ReloadMethod.Service: return _host.Run("service", new[] { "nginx", "reload" }, CommandTimeout);
                case ReloadMethod.Systemctl: return _host.Run("systemctl", new[] { "reload", "nginx" }, CommandTimeout);
                default: return Nginx("-s", "reload");
            }
        }

        /// <summary>The host NGINX runs on.</summary>
        public string HostName => _host.Name;

        private CommandResult Nginx(params string[] action)
        {
            var arguments = new List<string>();
            if (_prefix != null) arguments.AddRange(new[] { "-p", _prefix });
            if (_config != null) arguments.AddRange(new[] { "-c", _config });
            arguments.AddRange(action);
            return _host.Run(_nginx, arguments, CommandTimeout);
        }

        /// <summary>The master's worker processes, or null where that cannot be read.</summary>
        private HashSet<string> Workers(int? masterPid) => masterPid == null ? null : Processes.Children(_host, masterPid.Value);

        private string NewEmergencies(string errorLog, long from)
        {
            if (errorLog == null || !_host.FileExists(errorLog)) return string.Empty;
            var added = Encoding.UTF8.GetString(_host.ReadFrom(errorLog, Math.Max(0, from)));
            return string.Join("\n", added.Split('\n').Where(line => line.Contains("[emerg]") || line.Contains("[alert]")));
        }
    }
}
