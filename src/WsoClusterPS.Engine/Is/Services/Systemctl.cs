using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>systemctl on a node's host, as root (through sudo -n where the session asked for it).</summary>
    public static class Systemctl
    {
        /// <summary>Long enough for a stop that waits out Carbon's graceful shutdown (the unit's TimeoutStopSec).</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

        public static void DaemonReload(IHost host) => Run(host, "daemon-reload");

        public static void Enable(IHost host, string unit) => Run(host, "enable", unit);

        public static void Disable(IHost host, string unit) => Run(host, "disable", unit);

        /// <param name="wait">Whether systemctl waits for the start job (wso2server.sh start and the pid file).</param>
        public static CommandResult Start(IHost host, string unit, bool wait = true) =>
            Run(host, wait ? new[] { "start", unit } : new[] { "start", "--no-block", unit });

        /// <param name="wait">Whether systemctl waits for the stop job: until the JVM is gone, at most the unit's TimeoutStopSec.</param>
        public static CommandResult Stop(IHost host, string unit, bool wait = true) =>
            Run(host, wait ? new[] { "stop", unit } : new[] { "stop", "--no-block", unit });

        private static CommandResult Run(IHost host, params string[] arguments)
        {
            var privileged = host.ForPrivilegedSteps();
            var result = privileged.Run("systemctl", arguments, Timeout);
            if (result.Succeeded) return result;
            throw new ServiceException(ServiceProblem.SystemctlFailed,
                $"'systemctl {string.Join(" ", arguments)}' failed on {host.Name} (exit code {result.ExitCode}): {result.Combined} " +
                Advice(result.Combined, arguments));
        }

        private static string Advice(string output, IReadOnlyList<string> arguments)
        {
            if (output.Contains("not been booted with systemd") || output.Contains("Failed to connect to bus"))
                return "That host does not run systemd: run its nodes with Start-IsNode and Stop-IsNode, which use bin/wso2server.sh there.";
            if (output.Contains("Access denied") || output.Contains("Interactive authentication required"))
                return "Only root may change services: connect as root, or with New-IsSshSession -UseSudo as a user whom sudo lets run systemctl.";
            return arguments.Contains("start")
                ? "See why with 'systemctl status " + arguments.Last() + "' and 'journalctl -u " + arguments.Last() + "' on that host, and the node's log (Get-IsNodeLog)."
                : "See 'systemctl status' on that host.";
        }
    }
}
