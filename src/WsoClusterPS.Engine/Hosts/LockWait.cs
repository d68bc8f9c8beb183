using System;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// How long a run may wait for file locks, as one deadline: every lock of one command waits
    /// until the same moment (two locked nodes cost one wait, not two), and Ctrl+C ends the wait.
    /// </summary>
    public readonly struct LockWait
    {
        private LockWait(TimeSpan bound, DateTime deadline, CancellationToken cancel)
        {
            Bound = bound;
            Deadline = deadline;
            Cancel = cancel;
        }

        /// <summary>The wait as given, for messages.</summary>
        public TimeSpan Bound { get; }

        public DateTime Deadline { get; }
        public CancellationToken Cancel { get; }

        /// <summary>A wait of <paramref name="bound"/> from now.</summary>
        public static LockWait For(TimeSpan bound, CancellationToken cancel = default) =>
            new LockWait(bound, DateTime.UtcNow + bound, cancel);

        public static implicit operator LockWait(TimeSpan bound) => For(bound);
    }
}
