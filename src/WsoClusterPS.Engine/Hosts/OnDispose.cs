using System;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>Runs an action once, when disposed: releasing a lock, closing a forward.</summary>
    internal sealed class OnDispose : IDisposable
    {
        private Action _action;

        public OnDispose(Action action) => _action = action;

        public void Dispose()
        {
            _action?.Invoke();
            _action = null;
        }
    }
}
