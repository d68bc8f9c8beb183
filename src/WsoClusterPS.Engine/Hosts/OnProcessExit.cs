using System;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Runs a clean-up if the process is ended while the guard is held (SIGTERM, as schedulers
    /// cancel a job; the process exiting): no finally block runs then. Nothing can run on kill -9;
    /// that leftover is for the next run to find.
    /// </summary>
    internal sealed class OnProcessExit : IDisposable
    {
        private readonly EventHandler _handler;
#if NET
        private readonly System.Runtime.InteropServices.PosixSignalRegistration _terminate;
#endif

        public OnProcessExit(Action cleanup)
        {
            var once = 0;
            void Clean()
            {
                if (System.Threading.Interlocked.Exchange(ref once, 1) == 1) return;
                try { cleanup(); }
                catch (Exception) { /* the process is going: nothing is left to tell */ }
            }
            _handler = (_, __) => Clean();
            AppDomain.CurrentDomain.ProcessExit += _handler;
#if NET
            // PowerShell ends on SIGTERM without raising ProcessExit; the signal is left to end it as before.
            if (!OperatingSystem.IsWindows())
                _terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
                    _ => Clean());
#endif
        }

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= _handler;
#if NET
            _terminate?.Dispose();
#endif
        }
    }
}
