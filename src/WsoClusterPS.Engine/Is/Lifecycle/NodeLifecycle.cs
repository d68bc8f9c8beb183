using System.Collections.Generic;
using System.Threading;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Is.Services;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// Starts and stops a node with its own bin/wso2server.sh, or through systemctl where a unit runs it (so systemd's
    /// restart policy never fights a stop), and watches it come up or go away,
    /// all on the node's own host: a node whose ports are closed to the admin's machine but open
    /// on its own is still seen as up.
    /// </summary>
    public static class NodeLifecycle
    {
        private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

        /// <summary>
        /// <c>wso2server.sh start</c> (WSO2's daemon mode, JAVA_HOME set through env(1) when given);
        /// with <paramref name="wait"/>, until the node answers on its HTTPS port and its log says it
        /// started. A node that already runs is left alone.
        /// </summary>
        /// <param name="waiting">Called while waiting, with the time waited so far.</param>
        /// <param name="keystorePassword">Written to password-tmp (0600) just before the start, for Secure Vault: Carbon
        /// reads and deletes it. A start that fails, or a server that came up without reading it, leaves no such file.</param>
        public static NodeStart Start(NodeRecord node, string javaHome, bool setup, bool wait, TimeSpan timeout,
            CancellationToken cancel, Action<TimeSpan> waiting = null, string keystorePassword = null)
        {
            if (RunningPid(node) is int pid) return new NodeStart(NodeStartOutcome.AlreadyRunning, pid, string.Empty);
            var unit = NodeUnit.Find(node, null);
            if (unit != null) CheckServiceCanStart(node, unit, setup, keystorePassword);
            // A service runs as the home's owner, whom the admin need not be: the file is written as root, then given to them.
            var writer = PasswordWriter(node, unit);
            var leftover = DeletePasswordFile(node, writer);
            var logStart = NodeLogs.End(node);
            var passwordFile = IsLayout.PasswordTmp(node.Host, node.Home);
            var handedOver = false;
            void Remove()
            {
                if (keystorePassword != null && !handedOver && writer.FileExists(passwordFile)) writer.DeleteFile(passwordFile);
            }
            using (new OnProcessExit(Remove))
            {
                try
                {
                    if (keystorePassword != null)
                    {
                        writer.WriteAllBytesAtomically(passwordFile, System.Text.Encoding.UTF8.GetBytes(keystorePassword), keepBackup: false,
                            holdsSecret: true);
                        if (unit != null) GiveToHomeOwner(node, passwordFile);
                    }
                    var started = unit != null ? Systemctl.Start(node.Host, unit) : RunScript(node, "env", ScriptStart(node, javaHome, setup), "start");
                    // Without waiting nobody can know when Carbon reads it; Carbon deletes it then.
                    handedOver = !wait;
                    if (!wait) return new NodeStart(NodeStartOutcome.Started, null, started.Combined, leftover, unit);

                    if (!WaitFor(() => Answers(node) && NodeLogs.StartedSince(node, logStart), timeout, cancel, waiting))
                        throw new TimeoutException(
                            $"'{node.Name}' did not answer on {node.ClusterHost}:{IsPorts.Https(node.Offset)} and log that it started " +
                            $"within {timeout.TotalSeconds:0} s. {LastLines(node)}");
                    return new NodeStart(NodeStartOutcome.Ready, RunningPid(node), started.Combined, leftover, unit);
                }
                finally
                {
                    Remove();
                }
            }
        }

        private static IReadOnlyList<string> ScriptStart(NodeRecord node, string javaHome, bool setup)
        {
            var arguments = new List<string>();
            if (javaHome != null) arguments.Add("JAVA_HOME=" + javaHome);
            arguments.AddRange(new[] { IsLayout.ServerScript(node.Host, node.Home), "start" });
            if (setup) arguments.Add("-Dsetup");
            return arguments;
        }

        /// <summary>A service starts as its unit says: no -Dsetup, and with Secure Vault only where a password-tmp waits
        /// (its unit's condition), so a start without the password would silently not happen.</summary>
        private static void CheckServiceCanStart(NodeRecord node, string unit, bool setup, string keystorePassword)
        {
            if (setup)
                throw new ServiceException(ServiceProblem.InvalidSetting, $"'{node.Name}' runs as the service {unit}, whose unit starts " +
                    "wso2server.sh without -Dsetup. Start it without -Setup, or remove the service first (Uninstall-IsNodeService) for a " +
                    "setup start.");
            if (keystorePassword == null && SecretConf.IsOn(node, TomlEditor.Read(node.Host, node.DeploymentToml)))
                throw new ServiceException(ServiceProblem.InvalidSetting, $"'{node.Name}' uses Secure Vault, and its service {unit} starts " +
                    "only when the keystore password waits for Carbon. Give -KeystoreCredential.");
        }

        private static void GiveToHomeOwner(NodeRecord node, string file)
        {
            var given = node.Host.ForPrivilegedSteps().Run("chown", new[] { "--reference=" + node.Home, "--", file }, ScriptTimeout);
            if (!given.Succeeded)
                throw new InvalidOperationException($"Could not give {file} on {node.Host.Name} to the owner of '{node.Home}', whom the " +
                    $"service runs as: {given.Combined}");
        }

        /// <summary>
        /// Removes a password-tmp that no server will read: the node does not run, so a start that
        /// was killed (kill -9, a lost connection) left it with the keystore password in it.
        /// </summary>
        /// <returns>Whether there was one.</returns>
        public static bool RemoveLeftoverPassword(NodeRecord node) =>
            RunningPid(node) == null && DeletePasswordFile(node, PasswordWriter(node, NodeUnit.Find(node, null)));

        /// <summary>Deletes password-tmp where the caller knows no server will read it.</summary>
        /// <returns>Whether there was one.</returns>
        private static bool DeletePasswordFile(NodeRecord node, IHost writer)
        {
            var file = IsLayout.PasswordTmp(node.Host, node.Home);
            if (!writer.FileExists(file)) return false;
            writer.DeleteFile(file);
            return true;
        }

        /// <summary>Who writes and removes password-tmp: root where a unit runs the node (through sudo over a session with
        /// -UseSudo), else the admin's own account, as the script's start runs the server.</summary>
        private static IHost PasswordWriter(NodeRecord node, string unit) => unit != null ? node.Host.ForPrivilegedSteps() : node.Host;

        /// <summary>What a command says of a leftover password-tmp it removed.</summary>
        public static string LeftoverPasswordRemoved(NodeRecord node) =>
            $"'{node.Name}': removed {IsLayout.PasswordTmp(node.Host, node.Home)} on {node.Host.Name}, which held the keystore password: " +
            "a start that was killed before the server read it left it behind.";

        /// <summary><c>wso2server.sh stop</c>; with <paramref name="wait"/>, until the process is gone and its ports are free.</summary>
        /// <param name="waiting">Called while waiting, with the time waited so far.</param>
        public static NodeStop Stop(NodeRecord node, bool wait, TimeSpan timeout, CancellationToken cancel, Action<TimeSpan> waiting = null)
        {
            var pid = RunningPid(node);
            var unit = NodeUnit.Find(node, pid);
            // systemctl stop also cancels a restart systemd has pending (a crashed node in RestartSec), so it runs even when no
            // process does; a process started outside the unit (before it was installed) still needs the script.
            var stopped = unit != null ? Systemctl.Stop(node.Host, unit, wait) : null;
            if (stopped == null || (pid is int running && Processes.IsRunning(node.Host, running) && NodeUnit.Cgroup(node.Host, running) != unit))
                stopped = RunScript(node, IsLayout.ServerScript(node.Host, node.Home), new[] { "stop" }, "stop");
            var writer = PasswordWriter(node, unit);
            if (!wait) return new NodeStop(NodeStopOutcome.Asked, stopped.Combined, pid == null && DeletePasswordFile(node, writer), unit);
            if (!WaitFor(() => Gone(node, pid), timeout, cancel, waiting))
                throw new TimeoutException(
                    $"'{node.Name}' still runs or holds port {IsPorts.Https(node.Offset)} or {IsPorts.Http(node.Offset)} " +
                    $"after {timeout.TotalSeconds:0} s. {LastLines(node)}");
            return new NodeStop(NodeStopOutcome.Gone, stopped.Combined, DeletePasswordFile(node, writer), unit);
        }

        /// <summary>Runs bin/wso2server.sh (or env(1) running it) and fails with its words.</summary>
        private static CommandResult RunScript(NodeRecord node, string program, IReadOnlyList<string> arguments, string verb)
        {
            var result = node.Host.Run(program, arguments, ScriptTimeout);
            if (!result.Succeeded) throw ScriptFailed(node, verb, result);
            return result;
        }

        /// <summary>The pid in wso2carbon.pid when that process still runs, else null.</summary>
        public static int? RunningPid(NodeRecord node) =>
            Processes.ReadPidFile(node.Host, IsLayout.PidFile(node.Host, node.Home)) is int pid && Processes.IsRunning(node.Host, pid)
                ? pid : (int?)null;

        /// <summary>Whether the node's HTTPS port answers, as its own host sees it.</summary>
        public static bool Answers(NodeRecord node) => node.Host.Answers(node.ClusterHost, IsPorts.Https(node.Offset));

        /// <summary>Polls <paramref name="done"/> until it holds or the time is up; cancellable.</summary>
        public static bool WaitFor(Func<bool> done, TimeSpan timeout, CancellationToken cancel, Action<TimeSpan> waiting = null)
        {
            var began = DateTime.UtcNow;
            while (true)
            {
                if (done()) return true;
                if (DateTime.UtcNow - began >= timeout) return false;
                waiting?.Invoke(DateTime.UtcNow - began);
                cancel.WaitHandle.WaitOne(250);
                cancel.ThrowIfCancellationRequested();
            }
        }

        private static bool Gone(NodeRecord node, int? pid) =>
            (pid == null || !Processes.IsRunning(node.Host, pid.Value)) &&
            !node.Host.Answers(node.ClusterHost, IsPorts.Https(node.Offset)) &&
            !node.Host.Answers(node.ClusterHost, IsPorts.Http(node.Offset));

        private static InvalidOperationException ScriptFailed(NodeRecord node, string verb, CommandResult result) =>
            new InvalidOperationException($"bin/wso2server.sh {verb} failed on '{node.Name}' (exit code {result.ExitCode}): " +
                $"{result.Combined}");

        public static string LastLines(NodeRecord node) => "The last lines of its wso2carbon.log:\n" + NodeLogs.Tail(node, 10);
    }
}
