using System;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>A node or command used a session that is closed: removed by the user, or its connection dropped.</summary>
    public sealed class SshSessionClosedException : InvalidOperationException
    {
        public SshSessionClosedException(string message) : base(message) { }

        internal static SshSessionClosedException Removed(string name) => new SshSessionClosedException(
            $"The SSH session to {name} is closed (Remove-IsSshSession). Open a new one with New-IsSshSession and get the nodes " +
            "again with Get-IsClusterNode -Session; nothing was done on that machine.");

        internal static SshSessionClosedException Dropped(string name) => new SshSessionClosedException(
            $"The connection of the SSH session to {name} dropped. Open a new session with New-IsSshSession (with -Reconnect, a " +
            "session connects again by itself, to the same host key only) and get the nodes again with Get-IsClusterNode -Session; " +
            "nothing more was done on that machine.");
    }
}
