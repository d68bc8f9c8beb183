using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>Starts and stops a node with its own bin/wso2server.sh, and watches it come up or go away.</summary>
    public static class NodeControl
    {
        private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

        /// <summary><c>wso2server.sh start</c>: WSO2's daemon mode, with JAVA_HOME set through env(1) when given.</summary>
        public static CommandResult Start(NodeRecord node, string javaHome, bool setup)
        {
            var arguments = new List<string>();
            if (javaHome != null) arguments.Add("JAVA_HOME=" + javaHome);
            arguments.Add(Script(node));
            arguments.Add("start");
            if (setup) arguments.Add("-Dsetup");
            return node.Host.Run("env", arguments, ScriptTimeout);
        }

        public static CommandResult Stop(NodeRecord node) => node.Host.Run(Script(node), new[] { "stop" }, ScriptTimeout);

        /// <summary>The pid in wso2carbon.pid when that process still runs (seen in /proc), else null.</summary>
        public static int? RunningPid(NodeRecord node)
        {
            var pidFile = node.Host.Combine(node.Home, "wso2carbon.pid");
            if (!node.Host.FileExists(pidFile)) return null;
            if (!int.TryParse(Encoding.ASCII.GetString(node.Host.ReadAllBytes(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
            return node.Host.DirectoryExists($"/proc/{pid}") ? pid : (int?)null;
        }

        public static bool Answers(string host, int port)
        {
            try
            {
                using (var client = new TcpClient())
                    return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
            }
            catch (Exception e) when (e is SocketException || e is AggregateException)
            {
                return false;
            }
        }

        /// <summary>Polls <paramref name="done"/> until it holds or the time is up; cancellable.</summary>
        public static bool WaitFor(Func<bool> done, TimeSpan timeout, CancellationToken cancel, Action tick = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (done()) return true;
                if (DateTime.UtcNow >= deadline) return false;
                tick?.Invoke();
                cancel.WaitHandle.WaitOne(250);
                cancel.ThrowIfCancellationRequested();
            }
        }

        private static string Script(NodeRecord node) => node.Host.Combine(node.Home, "bin", "wso2server.sh");
    }
}
