using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// One transfer bar per host while hosts work at once: a host's worker thread leaves its newest progress here, and
    /// PowerShell's own thread (the only one that may write progress) shows it at <see cref="Show"/>.
    /// </summary>
    internal sealed class HostsProgress
    {
        private readonly IReadOnlyList<ProgressWriter> _bars;
        private readonly object[] _newest;
        private readonly int _pipelineThread = Thread.CurrentThread.ManagedThreadId;

        public HostsProgress(IReadOnlyList<ProgressWriter> bars)
        {
            _bars = bars;
            _newest = new object[bars.Count];
        }

        public Action<TransferProgress> For(int bar) => progress =>
        {
            if (Thread.CurrentThread.ManagedThreadId == _pipelineThread) _bars[bar].Report(progress);
            else Volatile.Write(ref _newest[bar], progress);
        };

        public void Show()
        {
            for (var bar = 0; bar < _bars.Count; bar++)
                if (Interlocked.Exchange(ref _newest[bar], null) is TransferProgress progress) _bars[bar].Report(progress);
        }

        public void Complete()
        {
            foreach (var bar in _bars) bar.Complete();
        }
    }
}
