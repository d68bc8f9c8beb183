using System;
using System.IO;
using System.Runtime.InteropServices;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Keeps a file's owner and group when it is replaced. .NET has no API for either, and only
    /// root may give a file to another user, so as root chown(1) copies them; anyone else's new
    /// file is theirs, as with any editor.
    /// </summary>
    internal static class Owner
    {
        public static void Copy(string from, string to)
        {
#if NET
            if (System.OperatingSystem.IsWindows() || geteuid() != 0) return;
            var result = LocalCommands.Run("chown", new[] { "--reference=" + from, "--", to }, TimeSpan.FromSeconds(30));
            if (!result.Succeeded) throw new IOException($"Could not give '{to}' the owner and group of '{from}': {result.Combined}");
#endif
        }

#if NET
        [DllImport("libc")]
        private static extern uint geteuid();
#endif
    }
}
