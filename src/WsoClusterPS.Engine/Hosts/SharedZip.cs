using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// A pack's zip on this machine, as the tar stream of its entries under <see cref="Prefix"/> that hosts unpack as it arrives.
    /// Made for several hosts at once, it is inflated once and the same bytes go to each (inflating is as much of this
    /// machine's time as sending); the slowest host sets the pace. It starts once every host has joined or left, so each host
    /// must do one or the other (<see cref="Leave"/> after <see cref="Join"/> does nothing).
    /// </summary>
    public sealed class SharedZip
    {
        private readonly object _gate = new object();
        private readonly HashSet<object> _settled = new HashSet<object>();
        private readonly List<Receiver> _receivers = new List<Receiver>();
        private readonly int _hosts;

        private readonly Lazy<long> _total;

        public SharedZip(string path, string prefix, int hosts = 1)
        {
            Path = path;
            Prefix = prefix;
            _hosts = hosts;
            // Read by each host before it joins: a pack the policy refuses is each host's error, and a host that unpacks the
            // zip itself never pays for this pass.
            _total = new Lazy<long>(() =>
            {
                using (var zip = ZipFile.OpenRead(path)) return ZipTree.Under(zip, prefix).Sum(e => e.Length);
            });
        }

        public string Path { get; }

        /// <summary>The entry prefix of the tree: "" or the pack's top folder ("wso2is-7.1.0/").</summary>
        public string Prefix { get; }

        /// <summary>The bytes of the files in the tree: what each host is sent, less tar's headers. Reading it first holds the
        /// entries to the pack policy (<see cref="ZipTree"/>): a refused pack throws here, before any host is sent a byte.</summary>
        public long Total => _total.Value;

        /// <summary>One host's share: the file bytes it has been sent (of <see cref="Total"/>), and the end of its sending (its
        /// own failure, if any).</summary>
        public sealed class Receiver
        {
            private long _sent;
            private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            internal Receiver(Stream input)
            {
                Input = new HandOffStream(input);
            }

            internal HandOffStream Input { get; }
            internal bool Ended => _done.Task.IsCompleted;
            public long Sent => Interlocked.Read(ref _sent);
            public Task Done => _done.Task;

            internal void Add(long count) => Interlocked.Add(ref _sent, count);

            internal void End(Exception error)
            {
                if (error == null) _done.TrySetResult(true);
                else _done.TrySetException(error);
            }
        }

        /// <summary>The host's stream of the tar, written to <paramref name="input"/> (which the caller closes after
        /// <see cref="Receiver.Done"/>). The stream starts when the last host has joined or left.</summary>
        /// <param name="host">The host taking its share (its <see cref="IHost"/>, or any one object per host).</param>
        public Receiver Join(object host, Stream input)
        {
            var receiver = new Receiver(input);
            lock (_gate)
            {
                if (!_settled.Add(host)) throw new InvalidOperationException("This host has already taken or left this pack.");
                _receivers.Add(receiver);
                StartWhenSettled();
            }
            return receiver;
        }

        /// <summary>A host that will not take the stream (it failed first, or it unpacks the pack its own way).</summary>
        public void Leave(object host)
        {
            lock (_gate)
            {
                if (_settled.Add(host)) StartWhenSettled();
            }
        }

        private void StartWhenSettled()
        {
            if (_settled.Count != _hosts) return;
            if (_receivers.Count > 0) PerHost.Dedicated(() => Send(_receivers.ToList()));
        }

        /// <summary>Writes the tar once to every receiver; one whose host stops taking it is dropped, the others go on.</summary>
        private void Send(IReadOnlyList<Receiver> receivers)
        {
            try
            {
                using (var zip = ZipFile.OpenRead(Path))
                using (var tar = new TarStream(new FanOut(receivers)))
                {
                    foreach (var entry in ZipTree.Under(zip, Prefix))
                    {
                        if (receivers.All(r => r.Ended)) return;
                        if (entry.IsDirectory) tar.AddDirectory(entry.RelativePath, entry.Mode == 0 ? UnixMode.Executable : entry.Mode,
                            entry.Modified);
                        else if (entry.LinkTarget != null) tar.AddSymlink(entry.RelativePath, entry.LinkTarget, entry.Modified);
                        else
                            using (var content = zip.Entries[entry.Index].Open())
                                tar.AddFile(entry.RelativePath, entry.Mode == 0 ? UnixMode.Default : entry.Mode, entry.Modified,
                                    entry.Length, content, copied =>
                                    {
                                        foreach (var receiver in receivers.Where(r => !r.Ended)) receiver.Add(copied);
                                    });
                    }
                }
                foreach (var receiver in receivers.Where(r => !r.Ended)) Finish(receiver, null);
            }
            catch (Exception e)
            {
                // The pack itself failed (a short entry): every host stops with that.
                foreach (var receiver in receivers) Finish(receiver, e);
            }
        }

        private static void Finish(Receiver receiver, Exception error)
        {
            try
            {
                receiver.Input.Dispose();
            }
            catch (Exception e)
            {
                error = error ?? e;
            }
            receiver.End(error);
        }

        /// <summary>Every write goes to each receiver still taking the stream.</summary>
        private sealed class FanOut : WriteOnlyStream
        {
            private readonly IReadOnlyList<Receiver> _receivers;

            public FanOut(IReadOnlyList<Receiver> receivers)
            {
                _receivers = receivers;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                foreach (var receiver in _receivers)
                {
                    if (receiver.Ended) continue;
                    try
                    {
                        receiver.Input.Write(buffer, offset, count);
                    }
                    catch (Exception e)
                    {
                        Finish(receiver, e);
                    }
                }
            }

            public override void Flush()
            {
                foreach (var receiver in _receivers.Where(r => !r.Ended)) receiver.Input.Flush();
            }
        }
    }
}
