using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace WsoClusterPS
{
    /// <summary>
    /// The sessions New-IsSshSession made in each runspace: several runbook jobs can share one
    /// process, so the list is per runspace, never global.
    /// </summary>
    internal static class SshSessions
    {
        private static readonly ConditionalWeakTable<Runspace, List<IsSshSession>> ByRunspace =
            new ConditionalWeakTable<Runspace, List<IsSshSession>>();

        public static List<IsSshSession> Current => ByRunspace.GetValue(Runspace.DefaultRunspace, _ => new List<IsSshSession>());
    }
}
