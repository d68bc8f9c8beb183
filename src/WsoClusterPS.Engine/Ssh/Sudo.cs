using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// Runs a command as root through <c>sudo -n</c>, which fails at once where it would ask for a
    /// password, and turns sudo's own refusals into errors that say what to set up.
    /// </summary>
    public static class Sudo
    {
        /// <summary>The commands the privileged steps run, as a sudoers line would list them.</summary>
        public static readonly IReadOnlyList<string> Commands = new[] { "cp", "chmod", "chown", "mv", "rm", "mkdir", "tail", "nginx", "systemctl" };

        public static IEnumerable<string> Wrap(string file, IEnumerable<string> arguments) =>
            new[] { "sudo", "-n", "--", file }.Concat(arguments);

        /// <summary>
        /// sudo exits 1 and explains itself on stderr when it will not run the command; a command
        /// that ran and failed keeps its own exit code and words.
        /// </summary>
        public static void ThrowIfRefused(string file, string hostName, string userName, int exitCode, string error)
        {
            if (exitCode == 127 && error.Contains("'sudo'"))
                throw CommandResult.CannotRun("sudo", hostName, error.Trim());
            if (exitCode != 1) return;
            if (error.Contains("sudo: " + file + ": command not found"))
                throw CommandResult.CannotRun(file, hostName, error.Trim());
            var refusals = new[] { "password is required", "terminal is required", "not allowed to " +
                "execute", "not in the sudoers file", "may not run sudo" };
            if (!refusals.Any(error.Contains)) return;
            // sudo -n asks for a password even for a command the user may not run at all: it never tells which.
            throw new SudoRefusedException(
                $"sudo on {hostName} will not run '{file}' as root for {userName} without a password ({error.Trim()}), and WsoClusterPS " +
                    "never types one: it runs sudo -n, which refuses to ask. " +
                $"Let {userName} run the privileged steps' commands without a password (a sudoers line such as '{userName} ALL=(root) " +
                    $"NOPASSWD: {string.Join(", ", Commands)}', each with its full path), " +
                "or connect as a user who may make the change without sudo.");
        }
    }
}
