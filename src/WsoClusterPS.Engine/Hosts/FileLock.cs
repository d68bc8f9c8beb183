using System;
using System.Globalization;
using System.IO;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// What every host's file lock shares: its name beside the file, who holds it (process, machine,
    /// start) and until when (a lease, renewed while held), and the bounded wait that ends in an
    /// error naming the lock, its holder and its age. A lease that ran out belongs to a holder that is
    /// gone (a killed job, on this machine or any other) and is taken over, with a warning.
    /// </summary>
    public static class FileLock
    {
        private const string TimeFormat = "yyyyMMddTHHmmssZ";

        public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

        /// <summary>How long a lock stays its holder's without a renewal (renewed every third of it).</summary>
        public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(2);

        /// <summary>The lock's name beside <paramref name="leaf"/>; hidden, and named so a person knows whose it is.</summary>
        public static string NameFor(string leaf) => "." + leaf + ".wsoclusterps-lock";

        /// <summary>This process, as a lock records it: pid@machine@time, with no '/' so it can be a file name.</summary>
        public static string Holder() =>
            string.Format(CultureInfo.InvariantCulture, "{0}@{1}@{2}",
                System.Diagnostics.Process.GetCurrentProcess().Id, Environment.MachineName, DateTime.UtcNow.ToString(TimeFormat,
                    CultureInfo.InvariantCulture));

        /// <summary>This process's lease from now: pid@machine@since@expires.</summary>
        public static string NewLease() => Holder() + "@" + (DateTime.UtcNow + LeaseLength).ToString(TimeFormat, CultureInfo.InvariantCulture);

        /// <summary>Whether a holder is a process of this machine that is gone (killed mid-write): its lock may be taken over.</summary>
        public static bool IsStale(string holder)
        {
            var parts = (holder ?? string.Empty).Split('@');
            return parts.Length >= 3 && parts[1] == Environment.MachineName &&
                   int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                   !Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)) && Directory.Exists("/proc/self");
        }

        /// <summary>
        /// Whether what a run left (a staging copy, a half-sent zip) can be removed: a process of this
        /// machine that is gone; of another machine (a killed Azure job, a Hybrid Worker), once it is
        /// older than <paramref name="lifetime"/>, since its process cannot be asked from here.
        /// </summary>
        public static bool IsAbandoned(string holder, TimeSpan lifetime)
        {
            var parts = (holder ?? string.Empty).Split('@');
            if (parts.Length < 3) return false;
            if (parts[1] == Environment.MachineName) return IsStale(holder);
            return Time(parts[2]) is DateTime started && DateTime.UtcNow - started > lifetime;
        }

        /// <summary>Whether a lease ran out (one of an older version, with no expiry, lasts <see cref="LeaseLength"/> from its
        /// start).</summary>
        public static bool HasExpired(string lease, DateTime now)
        {
            var parts = (lease ?? string.Empty).Split('@');
            if (parts.Length < 3) return false;
            var expires = parts.Length >= 4 ? Time(parts[3]) : Time(parts[2]) + LeaseLength;
            return expires != null && now > expires.Value;
        }

        /// <summary>
        /// Tries <paramref name="take"/> until it succeeds or the wait is over; a lock whose holder
        /// is gone (a dead process here, or a lease that ran out) is cleared once, and the lease
        /// says whose it was.
        /// </summary>
        /// <param name="take">Takes the lock with the lease given, or returns the current lease (null when unknown).</param>
        /// <param name="clear">Removes a lock whose holder is gone.</param>
        /// <param name="renew">Replaces the lock's lease by a newer one of this process, while it is held.</param>
        /// <param name="release">Removes the lock when the work is done.</param>
        public static FileLease Acquire(string path, string lockPath, string hostName, LockWait wait,
            Func<string, (bool Taken, string Holder)> take, Action clear, Action<string, string> renew, Action release)
        {
            string takenOver = null;
            while (true)
            {
                var lease = NewLease();
                var (taken, holder) = take(lease);
                if (taken)
                {
                    var current = lease;
                    return new FileLease(takenOver, next =>
                    {
                        renew(current, next);
                        current = next;
                    }, release);
                }
                if (takenOver == null && (IsStale(holder) || HasExpired(holder, DateTime.UtcNow)))
                {
                    clear();
                    takenOver = Describe(holder);
                    continue;
                }
                if (DateTime.UtcNow >= wait.Deadline)
                    throw new IOException(
                        $"'{path}' on {hostName} is being changed by another WsoClusterPS run: the lock {lockPath} is held by " +
                        $"{Describe(holder)} and was not released within {wait.Bound.TotalSeconds:0} s. Run again when it is done. A " +
                        $"lock whose holder was killed is taken over once its lease runs out ({LeaseLength.TotalMinutes:0} min without " +
                        "renewal), from any machine. Nothing was written.");
                wait.Cancel.WaitHandle.WaitOne(50);
                wait.Cancel.ThrowIfCancellationRequested();
            }
        }

        /// <summary>A lock's holder as a person reads it: process, machine, how long, and until when.</summary>
        private static string Describe(string holder)
        {
            var parts = (holder ?? string.Empty).Split('@');
            if (parts.Length < 3) return "an unknown process";
            var since = Time(parts[2]);
            var age = since == null ? string.Empty : $" for {(DateTime.UtcNow - since.Value).TotalSeconds:0} s";
            var until = parts.Length >= 4 && Time(parts[3]) is DateTime expires ? $" (lease until {expires:HH:mm:ss} UTC)" : string.Empty;
            return $"process {parts[0]} on {parts[1]}{age}, since {parts[2]}{until}";
        }

        private static DateTime? Time(string text) =>
            DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTime?)null;
    }
}
