using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>Processes on a host, seen through its /proc and pid files, so a remote host answers for itself.</summary>
    public static class Processes
    {
        /// <summary>The process id a pid file holds, or null when there is no file or no number in it.</summary>
        public static int? ReadPidFile(IHost host, string path)
        {
            if (path == null || !host.FileExists(path)) return null;
            var text = Encoding.ASCII.GetString(host.ReadAllBytes(path)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : (int?)null;
        }

        public static bool IsRunning(IHost host, int pid) => host.DirectoryExists(Proc(pid));

        /// <summary>The process ids of a process's children, or null where /proc does not say.</summary>
        public static HashSet<string> Children(IHost host, int pid)
        {
            var children = $"{Proc(pid)}/task/{pid.ToString(CultureInfo.InvariantCulture)}/children";
            if (!host.FileExists(children)) return null;
            var text = Encoding.ASCII.GetString(host.ReadAllBytes(children));
            return new HashSet<string>(text.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        }

        private static string Proc(int pid) => "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
    }
}
