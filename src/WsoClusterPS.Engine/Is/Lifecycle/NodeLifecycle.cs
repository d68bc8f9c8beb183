using System.Collections.Generic;
using System.Threading;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// Starts and stops a node with its own bin/wso2server.sh and watches it come up or go away,
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
            var leftover = DeletePasswordFile(node);
            var logStart = NodeLogs.End(node);
            var arguments = new List<string>();
            if (javaHome != null) arguments.Add("JAVA_HOME=" + javaHome);
            arguments.AddRange(new[] { IsLayout.ServerScript(node.Host, node.Home), "start" });
            if (setup) arguments.Add("-Dsetup");
            var passwordFile = IsLayout.PasswordTmp(node.Host, node.Home);
            var handedOver = false;
            void Remove()
            {
                if (keystorePassword != null && !handedOver && node.Host.FileExists(passwordFile)) node.Host.DeleteFile(passwordFile);
            }
            using (new OnProcessExit(Remove))
            {
                try
                {
                    if (keystorePassword != null)
                        node.Host.WriteAllBytesAtomically(passwordFile, System.Text.Encoding.UTF8.GetBytes(keystorePassword), keepBackup: false,
                            holdsSecret: true);
                    var started = node.Host.Run("env", arguments, ScriptTimeout);
                    if (!started.Succeeded) throw ScriptFailed(node, "start", started);
                    // Without waiting nobody can know when Carbon reads it; Carbon deletes it then.
                    handedOver = !wait;
                    if (!wait) return new NodeStart(NodeStartOutcome.Started, null, started.Combined, leftover);

                    if (!WaitFor(() => Answers(node) && NodeLogs.StartedSince(node, logStart), timeout, cancel, waiting))
                        throw new TimeoutException(
                            $"'{node.Name}' did not answer on {node.ClusterHost}:{IsPorts.Https(node.Offset)} and log that it started " +
                            $"within {timeout.TotalSeconds:0} s. {LastLines(node)}");
                    return new NodeStart(NodeStartOutcome.Ready, RunningPid(node), started.Combined, leftover);
                }
                finally
                {
                    Remove();
                }
            }
        }

        /// <summary>
        /// Removes a password-tmp that no server will read: the node does not run, so a start that
        /// was killed (kill -9, a lost connection) left it with the keystore password in it.
        /// </summary>
        /// <returns>Whether there was one.</returns>
        public static bool RemoveLeftoverPassword(NodeRecord node) => RunningPid(node) == null && DeletePasswordFile(node);

        /// <summary>Deletes password-tmp where the caller knows no server will read it.</summary>
        /// <returns>Whether there was one.</returns>
        private static bool DeletePasswordFile(NodeRecord node)
        {
            var file = IsLayout.PasswordTmp(node.Host, node.Home);
            if (!node.Host.FileExists(file)) return false;
            node.Host.DeleteFile(file);
            return true;
        }

        /// <summary>What a command says of a leftover password-tmp it removed.</summary>
        public static string LeftoverPasswordRemoved(NodeRecord node) =>
            $"'{node.Name}': removed {IsLayout.PasswordTmp(node.Host, node.Home)} on {node.Host.Name}, which held the keystore password: " +
            "a start that was killed before the server read it left it behind.";

        /// <summary><c>wso2server.sh stop</c>; with <paramref name="wait"/>, until the process is gone and its ports are free.</summary>
        /// <param name="waiting">Called while waiting, with the time waited so far.</param>
        public static NodeStop Stop(NodeRecord node, bool wait, TimeSpan timeout, CancellationToken cancel, Action<TimeSpan> waiting = null)
        {
            var pid = RunningPid(node);
            var stopped = node.Host.Run(IsLayout.ServerScript(node.Host, node.Home), new[] { "stop" }, ScriptTimeout);
            if (!stopped.Succeeded) throw ScriptFailed(node, "stop", stopped);
            if (!wait) return new NodeStop(NodeStopOutcome.Asked, stopped.Combined, pid == null && DeletePasswordFile(node));
            if (!WaitFor(() => Gone(node, pid), timeout, cancel, waiting))
                throw new TimeoutException(
                    $"'{node.Name}' still runs or holds port {IsPorts.Https(node.Offset)} or {IsPorts.Http(node.Offset)} " +
                    $"after {timeout.TotalSeconds:0} s. {LastLines(node)}");
            return new NodeStop(NodeStopOutcome.Gone, stopped.Combined, DeletePasswordFile(node));
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
