using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// A write-only stream that hands full chunks to a thread of its own, which writes them on: the writer (inflating a pack)
    /// and the sender (SSH.NET encrypts on the writing thread) work at once. A few chunks are held at most; a failure of the
    /// sending side is thrown to the writer at its next write, or at Dispose.
    /// </summary>
    internal sealed class HandOffStream : WriteOnlyStream
    {
        private const int ChunkSize = 1 << 18;
        private readonly Stream _inner;
        private readonly BlockingCollection<byte[]> _chunks = new BlockingCollection<byte[]>(boundedCapacity: 8);
        private readonly Task _sending;
        private byte[] _chunk = new byte[ChunkSize];
        private int _filled;
        private bool _disposed;

        public HandOffStream(Stream inner)
        {
            _inner = inner;
            _sending = PerHost.Dedicated(() =>
            {
                try
                {
                    foreach (var chunk in _chunks.GetConsumingEnumerable()) _inner.Write(chunk, 0, chunk.Length);
                }
                finally
                {
                    // A sender that stopped must not leave the writer waiting for room.
                    _chunks.CompleteAdding();
                }
            });
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                var taken = Math.Min(count, ChunkSize - _filled);
                Buffer.BlockCopy(buffer, offset, _chunk, _filled, taken);
                _filled += taken;
                offset += taken;
                count -= taken;
                if (_filled == ChunkSize) HandOn();
            }
        }

        private void HandOn()
        {
            if (_filled == 0) return;
            var chunk = _chunk;
            if (_filled < chunk.Length) Array.Resize(ref chunk, _filled);
            _chunk = new byte[ChunkSize];
            _filled = 0;
            try
            {
                _chunks.Add(chunk);
            }
            catch (InvalidOperationException) when (_sending.IsCompleted || _chunks.IsAddingCompleted)
            {
                _sending.GetAwaiter().GetResult();
                throw new IOException("The receiving side stopped taking data.");
            }
        }

        /// <summary>Everything written so far goes to the sender; the inner stream is flushed only at Dispose, after the
        /// last chunk.</summary>
        public override void Flush() => HandOn();

        protected override void Dispose(bool disposing)
        {
            if (!disposing || _disposed) return;
            _disposed = true;
            try
            {
                HandOn();
            }
            finally
            {
                if (!_chunks.IsAddingCompleted) _chunks.CompleteAdding();
                _sending.GetAwaiter().GetResult();
                _inner.Flush();
                base.Dispose(disposing);
            }
        }
    }
}
