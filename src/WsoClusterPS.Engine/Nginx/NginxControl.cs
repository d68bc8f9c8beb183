using System;
using System.Collections.Generic;
using System.Globalization;
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
        private readonly string _method;

        /// <param name="method">Signal (<c>nginx -s reload</c>), Service or Systemctl.</param>
        public NginxControl(IHost host, string nginxPath, string configPath, string prefix, string method)
        {
            _host = host;
            _nginx = nginxPath;
            _config = configPath;
            _prefix = prefix;
            _method = method;
        }

        /// <summary><c>nginx -t</c>: does the configuration on disk parse and open?</summary>
        public CommandResult Test() => Nginx("-t");

        /// <summary>
        /// Reloads, then watches the master: a reload whose configuration tests fine can still
        /// fail to apply (a port taken by another program): <c>-s reload</c> exits 0 and the master
        /// logs <c>[emerg]</c> and keeps the old configuration. New worker processes mean it took.
        /// </summary>
        public NginxReloadOutcome Reload(TimeSpan confirmWithin)
        {
            var locations = NginxConfigDump.Parse(Nginx("-T").Output, Nginx("-V").Combined, _prefix);
            var masterPid = MasterPid(locations.PidPath);
            var logStart = locations.ErrorLogPath == null ? -1 : _host.FileLength(locations.ErrorLogPath);
            var workersBefore = Workers(masterPid);

            var signal = _method == "Service" ? _host.Run("service", new[] { "nginx", "reload" }, CommandTimeout)
                       : _method == "Systemctl" ? _host.Run("systemctl", new[] { "reload", "nginx" }, CommandTimeout)
                       : Nginx("-s", "reload");
            if (!signal.Succeeded) return new NginxReloadOutcome(false, false, signal.Combined);

            var deadline = DateTime.UtcNow + confirmWithin;
            while (true)
            {
                var failures = NewEmergencies(locations.ErrorLogPath, logStart);
                if (failures.Length > 0) return new NginxReloadOutcome(false, true, failures);
                var workersNow = Workers(masterPid);
                if (workersBefore != null && workersNow != null && workersNow.Except(workersBefore).Any())
                    return new NginxReloadOutcome(true, true, signal.Combined);
                if (DateTime.UtcNow >= deadline) return new NginxReloadOutcome(true, false, signal.Combined);
                Thread.Sleep(100);
            }
        }

        private CommandResult Nginx(params string[] action)
        {
            var arguments = new List<string>();
            if (_prefix != null) arguments.AddRange(new[] { "-p", _prefix });
            if (_config != null) arguments.AddRange(new[] { "-c", _config });
            arguments.AddRange(action);
            return _host.Run(_nginx, arguments, CommandTimeout);
        }

        private int? MasterPid(string pidPath)
        {
            if (pidPath == null || !_host.FileExists(pidPath)) return null;
            return int.TryParse(Encoding.ASCII.GetString(_host.ReadAllBytes(pidPath)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : (int?)null;
        }

        /// <summary>The master's child processes, from /proc (null where that cannot be read).</summary>
        private HashSet<string> Workers(int? masterPid)
        {
            if (masterPid == null) return null;
            var children = $"/proc/{masterPid}/task/{masterPid}/children";
            if (!_host.FileExists(children)) return null;
            return new HashSet<string>(Encoding.ASCII.GetString(_host.ReadAllBytes(children)).Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        }

        private string NewEmergencies(string errorLog, long from)
        {
            if (errorLog == null || !_host.FileExists(errorLog)) return string.Empty;
            var added = Encoding.UTF8.GetString(_host.ReadFrom(errorLog, Math.Max(0, from)));
            return string.Join("\n", added.Split('\n').Where(line => line.Contains("[emerg]") || line.Contains("[alert]")));
        }
    }

    /// <summary>How a reload went: applied or not, whether that was seen for sure, and what NGINX said.</summary>
    public sealed class NginxReloadOutcome
    {
        public NginxReloadOutcome(bool applied, bool confirmed, string output)
        {
            Applied = applied;
            Confirmed = confirmed;
            Output = output;
        }

        public bool Applied { get; }
        public bool Confirmed { get; }
        public string Output { get; }
    }
}
