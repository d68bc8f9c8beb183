using System;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>The outcome of one item's work: a value or the exception it threw.</summary>
    public readonly struct Outcome<T>
    {
        public Outcome(T value, Exception error)
        {
            Value = value;
            Error = error;
        }

        public T Value { get; }
        public Exception Error { get; }
    }
}
