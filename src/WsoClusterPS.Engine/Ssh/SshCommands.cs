using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// Commands over the exec connection, built from argument lists (never pasted strings) and
    /// bounded by a remote <c>timeout</c>, so they cannot outlive a caller who gave up on them.
    /// </summary>
    internal sealed class SshCommands
    {
        private static readonly TimeSpan WatchedBeyond = TimeSpan.FromMinutes(1);
        private readonly SshConnection _link;

        public SshCommands(SshConnection link, bool asRoot)
        {
            _link = link;
            AsRoot = asRoot;
        }

        /// <summary>Whether commands run as root, through <c>sudo -n</c>.</summary>
        public bool AsRoot { get; }

        public CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel = default) =>
            Run(file, arguments, timeout, AsRoot, cancel);

        /// <summary>As the logged-in user, whatever this view's privileges: for the user's own temporary files.</summary>
        public CommandResult RunAsUser(string file, IReadOnlyList<string> arguments, TimeSpan timeout) =>
            Run(file, arguments, timeout, asRoot: false, CancellationToken.None);

        /// <summary>Runs the command and stops with its output when it fails.</summary>
        public void Check(string what, string file, params string[] arguments) =>
            Checked(Run(file, arguments, TimeSpan.FromMinutes(10)), what);

        // dash's "command -v" exits 127 for a missing program, which Run reads as sh missing.
        public bool Has(string program) =>
            RunAsUser("sh", new[] { "-c", "command -v \"$1\" >/dev/null || exit 1", "sh", program }, TimeSpan.FromSeconds(30)).Succeeded;

        public static void Checked(CommandResult result, string what)
        {
            if (!result.Succeeded) throw new IOException($"Could not {what}: {result.Combined} (exit code {result.ExitCode}).");
        }

        private CommandResult Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asRoot, CancellationToken cancel)
        {
            // The server keeps running a command whose client gave up; timeout(1) ends it there.
            var seconds = ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var program = asRoot ? Sudo.Wrap(file, arguments) : new[] { file }.Concat(arguments);
            var text = PosixShell.Command("timeout", new[] { seconds }.Concat(program));
            // sshd ignores SSH's "signal" request, so a command that may be stopped records its
            // process id, for a kill sent over a second channel. Without a terminal sshd leaves a
            // command running when the connection ends (this process killed, the network gone): a
            // watcher ends it once the session's sshd process is gone. The watcher's output goes
            // nowhere, or sshd would hold the channel open until its last sleep ends. A short command needs no watcher: its
            // own timeout ends it soon enough.
            var pidFile = cancel.CanBeCanceled || timeout > WatchedBeyond ? "/tmp/.wsoclusterps-" + Guid.NewGuid().ToString("N") + ".pid" : null;
            if (pidFile != null)
            {
                var quoted = PosixShell.Quote(pidFile);
                text = $"{text} </dev/null & pid=$!; echo $pid >{quoted}; " +
                       "( while kill -0 $PPID 2>/dev/null || [ -d /proc/$PPID ]; do sleep 1; done; kill -TERM $pid ) " +
                       "</dev/null >/dev/null 2>&1 & watcher=$!; " +
                       $"wait $pid; status=$?; kill $watcher 2>/dev/null; rm -f {quoted}; exit $status";
            }
            using (var command = _link.Shell.CreateCommand(text))
            {
                command.CommandTimeout = timeout + TimeSpan.FromSeconds(10);
                var running = command.ExecuteAsync(CancellationToken.None);
                while (Task.WaitAny(new Task[] { running }, 250) < 0)
                {
                    if (!cancel.IsCancellationRequested) continue;
                    using (var stop = _link.Shell.CreateCommand("kill -TERM \"$(cat " + PosixShell.Quote(pidFile) + ")\"")) stop.Execute();
                    Task.WaitAny(new Task[] { running }, TimeSpan.FromSeconds(10));
                    throw new OperationCanceledException($"'{file}' on {_link.Name} was stopped.", cancel);
                }
                running.GetAwaiter().GetResult();
                var exit = command.ExitStatus ?? -1;
                if (exit == 124)
                    throw CommandResult.TimedOut(file, arguments, _link.Name, timeout);
                if (asRoot) Sudo.ThrowIfRefused(file, _link.Name, _link.Options.UserName, exit, command.Error);
                if (exit == 126 || exit == 127) throw CommandResult.CannotRun(file, _link.Name, command.Error.Trim());
                return new CommandResult(exit, command.Result, command.Error);
            }
        }
    }
}
