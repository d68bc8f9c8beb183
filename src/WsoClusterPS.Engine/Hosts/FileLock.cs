using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// What every host's file lock shares: its name beside the file, who holds it (process id,
    /// machine, time), and the bounded wait that ends in an error naming the lock and its holder.
    /// </summary>
    public static class FileLock
    {
        public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

        /// <summary>The lock's name beside <paramref name="leaf"/>; hidden, and named so a person knows whose it is.</summary>
        public static string NameFor(string leaf) => "." + leaf + ".wsoclusterps-lock";

        /// <summary>This process, as a lock records it: pid@machine@time, with no '/' so it can be a file name.</summary>
        public static string Holder() =>
            string.Format(CultureInfo.InvariantCulture, "{0}@{1}@{2:yyyyMMddTHHmmssZ}",
                System.Diagnostics.Process.GetCurrentProcess().Id, Environment.MachineName, DateTime.UtcNow);

        /// <summary>Whether a holder is a process of this machine that is gone (killed mid-write): its lock may be taken over.</summary>
        public static bool IsStale(string holder)
        {
            var parts = (holder ?? string.Empty).Split('@');
            return parts.Length == 3 && parts[1] == Environment.MachineName &&
                   int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                   !Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)) && Directory.Exists("/proc/self");
        }

        /// <summary>Tries <paramref name="take"/> until it succeeds or the wait is over; a stale holder's lock is cleared once.</summary>
        /// <param name="take">Takes the lock, or returns the current holder (null when unknown) if another has it.</param>
        /// <param name="clear">Removes a stale lock.</param>
        public static void Acquire(string path, string lockPath, string hostName, TimeSpan wait, Func<(bool Taken, string Holder)> take,
            Action clear)
        {
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                var (taken, holder) = take();
                if (taken) return;
                if (IsStale(holder))
                {
                    clear();
                    continue;
                }
                if (DateTime.UtcNow >= deadline)
                {
                    throw new IOException(
                        $"'{path}' on {hostName} is being changed by another WsoClusterPS run: the lock {lockPath} is held by " +
                        $"{Describe(holder)} and was not released within {wait.TotalSeconds:0} s. Run again when it is done; " +
                        "if no such run is going on, remove the lock. Nothing was written.");
                }
                Thread.Sleep(50);
            }
        }

        private static string Describe(string holder)
        {
            var parts = (holder ?? string.Empty).Split('@');
            return parts.Length == 3 ? $"process {parts[0]} on {parts[1]} since {parts[2]}" : "an unknown process";
        }
    }
}
