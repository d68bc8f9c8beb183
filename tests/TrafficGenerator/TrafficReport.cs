using System.Collections.Concurrent;

namespace WsoClusterPS.Traffic;

/// <summary>Every request counted: what succeeded, what failed and how, and which node served what when.</summary>
public sealed class TrafficReport
{
    private readonly DateTime _began = DateTime.UtcNow;
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentDictionary<string, NodeTraffic> _nodes = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private int _total;
    private int _succeeded;
    private int _keepAliveRaces;

    public int Total => _total;
    public int Succeeded => _succeeded;

    /// <summary>Non-2xx answers, connection errors and timeouts.</summary>
    public int Failed => _failures.Values.Sum();

    /// <summary>
    /// Requests written to a kept-alive connection that the server closed at that instant (an
    /// NGINX worker closes idle connections when a reload retires it): counted apart, as
    /// ROLLING-RESTART.md §5 says, since a reload causes them whatever the backends do.
    /// </summary>
    public int KeepAliveRaces => _keepAliveRaces;

    public IReadOnlyDictionary<string, int> Failures => _failures;
    public IReadOnlyDictionary<string, NodeTraffic> Nodes => _nodes;

    /// <summary>The first failures, with when they happened.</summary>
    public IReadOnlyList<string> Samples => _samples.ToList();

    public double Seconds { get; private set; }

    internal void RecordSuccess(string node, DateTime at)
    {
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _succeeded);
        _nodes.AddOrUpdate(node, _ => new NodeTraffic(1, at), (_, old) => new NodeTraffic(old.Served + 1, at > old.LastServed ? at : old.LastServed));
    }

    internal void RecordFailure(string kind, string request)
    {
        Interlocked.Increment(ref _total);
        _failures.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_samples.Count < 20) _samples.Enqueue($"{(DateTime.UtcNow - _began).TotalSeconds:0.000} s {request}: {kind}");
    }

    internal void RecordKeepAliveRace()
    {
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _keepAliveRaces);
    }

    internal void End() => Seconds = (DateTime.UtcNow - _began).TotalSeconds;
}

/// <summary>How many requests a node answered, and when it last did.</summary>
public sealed record NodeTraffic(int Served, DateTime LastServed);
