using System;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// A held file lock: renewed while the work goes on, so that only a lock whose holder is gone
    /// (killed, on any machine) ever expires; released when disposed.
    /// </summary>
    public sealed class FileLease : IDisposable
    {
        private readonly Timer _renewal;
        private Action _release;

        /// <param name="renew">Writes a new expiry into the lock (its holder's text, with a new lease).</param>
        /// <param name="every">How often to renew; a third of the lease unless a test asks for less.</param>
        internal FileLease(string takenOverFrom, Action<string> renew, Action release, TimeSpan? every = null)
        {
            TakenOverFrom = takenOverFrom;
            _release = release;
            var period = every ?? TimeSpan.FromTicks(FileLock.LeaseLength.Ticks / 3);
            _renewal = new Timer(_ =>
            {
                // A renewal that fails leaves the lease to run out: the next run then takes it over, which is what a lost
                // holder's lock should do.
                try { renew(FileLock.NewLease()); }
                catch (Exception) { }
            }, null, period, period);
        }

        /// <summary>Whose expired lock this one took over (holder, machine, since when), for a warning; null when it was free.</summary>
        public string TakenOverFrom { get; }

        public void Dispose()
        {
            // A renewal still running after the release would write the lock again: wait for it first.
            using (var stopped = new ManualResetEvent(false))
                if (_renewal.Dispose(stopped)) stopped.WaitOne();
            _release?.Invoke();
            _release = null;
        }
    }
}
