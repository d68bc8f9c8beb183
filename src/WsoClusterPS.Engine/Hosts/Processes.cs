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

        /// <summary>Whether the host has /proc to answer from (Linux); elsewhere nothing here can tell.</summary>
        public static bool CanTell(IHost host) => host.DirectoryExists("/proc/self") || host.DirectoryExists("/proc/1");

        /// <summary>Whether something on the host listens on TCP <paramref name="port"/> (IPv4 or IPv6), from /proc/net: one
        /// file read each, no command; null where /proc/net does not say.</summary>
        public static bool? Listens(IHost host, int port)
        {
            var hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            bool? found = null;
            foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!host.FileExists(table)) continue;
                found = false;
                // sl local_address rem_address st ...: st 0A is LISTEN.
                foreach (var line in Encoding.ASCII.GetString(host.ReadAllBytes(table)).Split('\n'))
                {
                    var fields = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 3 && fields[1].EndsWith(hex, StringComparison.Ordinal) && fields[3] == "0A") return true;
                }
            }
            return found;
        }

        private static string Proc(int pid) => "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
    }
}
