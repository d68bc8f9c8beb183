using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>Programs run on this machine from argument lists, bounded in time and stopped on cancel.</summary>
    internal static class LocalCommands
    {
        private const string HostName = "localhost";

        public static CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
#if NET
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
#else
            start.Arguments = string.Join(" ", arguments.Select(WindowsArgument));
#endif
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw CommandResult.CannotRun(file, HostName, e.Message, e);
            }
            using (process)
            {
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                var deadline = DateTime.UtcNow + timeout;
                while (!process.WaitForExit(250))
                {
                    var overdue = DateTime.UtcNow >= deadline;
                    if (!overdue && !cancel.IsCancellationRequested) continue;
                    try { process.Kill(); } catch (InvalidOperationException) { }
                    cancel.ThrowIfCancellationRequested();
                    throw CommandResult.TimedOut(file, arguments, HostName, timeout);
                }
                process.WaitForExit();
                return new CommandResult(process.ExitCode, output.Result, error.Result);
            }
        }

#if !NET
        /// <summary>Quotes one argument by the rules Windows programs parse their command line with.</summary>
        private static string WindowsArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0) return argument;
            var quoted = new System.Text.StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
                backslashes = 0;
            }
            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }
#endif
    }
}
