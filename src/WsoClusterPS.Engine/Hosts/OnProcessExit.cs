using System;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Runs a clean-up if the process is ended (SIGTERM, as schedulers cancel a job) while the
    /// guard is held: .NET raises ProcessExit then, and no finally block runs. Nothing can run on
    /// kill -9; that leftover is for the next run to find.
    /// </summary>
    internal sealed class OnProcessExit : IDisposable
    {
        private readonly EventHandler _handler;

        public OnProcessExit(Action cleanup)
        {
            _handler = (_, __) =>
            {
                try { cleanup(); }
                catch (Exception) { /* the process is going: nothing is left to tell */ }
            };
            AppDomain.CurrentDomain.ProcessExit += _handler;
        }

        public void Dispose() => AppDomain.CurrentDomain.ProcessExit -= _handler;
    }
}
