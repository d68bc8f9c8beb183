using System;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Validation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>Where a cmdlet acts: this machine, or the machine of an SSH session, and what its paths mean there.</summary>
    internal static class SessionTarget
    {
        public static IHost Host(IsSshSession session) => (IHost)session?.Host ?? LocalHost.Instance;

        /// <summary>The machine for the steps that need root: through sudo when the session was opened with -UseSudo.</summary>
        public static IHost PrivilegedHost(IsSshSession session) => Host(session).ForPrivilegedSteps();

        public static string Path(PSCmdlet cmdlet, IsSshSession session, string path) => Path(cmdlet, Host(session), path);

        /// <summary>A local path is resolved against the PowerShell location; a remote one must be absolute.</summary>
        public static string Path(PSCmdlet cmdlet, IHost host, string path)
        {
            // A line break in a path would reach generated files and commands as a new line.
            if (!Shapes.SingleLine.Matches(path))
                throw new ArgumentException($"The path '{Shape.Show(path)}' holds a control character " +
                    "(a line break, a tab). Give the path without it; nothing was changed.");
            if (host is LocalHost) return cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            if (path.StartsWith("/", StringComparison.Ordinal)) return path;
            throw new ArgumentException($"'{path}' is relative, but it is a path on {host.Name}: give it from the root (/opt/wso2/...). " +
                "Nothing was changed.");
        }
    }
}
