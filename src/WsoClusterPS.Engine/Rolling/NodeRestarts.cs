using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>
    /// Restarts that NGINX's clients do not notice: a node is drained at NGINX before it stops and
    /// put back only once it is ready again (ROLLING-RESTART.md). Carbon's connectors may keep
    /// taking requests while it shuts down, so NGINX stops sending first.
    /// </summary>
    public static class NodeRestarts
    {
        /// <summary>
        /// One node at a time, in the order given: drain, wait for its requests, stop, start, wait
        /// until ready, restore. Every node is checked first (nothing changes when one is the last
        /// serving server); a node that does not come back stops the roll, drained.
        /// </summary>
        /// <param name="phase">Told each node's index and phase as it moves.</param>
        public static IReadOnlyList<NodeRestart> Rolling(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<NodeDrain> drains,
            RestartOptions options, Action<int, RollPhase> phase, CancellationToken cancel)
        {
            foreach (var drain in drains)
            {
                drain.CheckOthersServe();
                drain.CheckEveryUpstreamIsGiven();
            }
            var done = new List<NodeRestart>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var at = RollPhase.Draining;
                void Reached(RollPhase reached)
                {
                    at = reached;
                    phase(i, reached);
                }
                try
                {
                    done.Add(RollOne(node, nodes.Where(n => n != node).ToList(), drains[i], options, Reached, cancel));
                }
                catch (Exception error) when (!(error is RestartException) && !(error is OperationCanceledException))
                {
                    throw StoppedAt(nodes, i, at, error);
                }
                phase(i, RollPhase.Done);
            }
            return done;
        }

        /// <summary>One node of a roll: drain, wait for its requests, stop, start, wait until ready (seeing its
        /// <paramref name="peers"/>), restore.</summary>
        public static NodeRestart RollOne(NodeRecord node, IReadOnlyList<NodeRecord> peers, NodeDrain drain, RestartOptions options,
            Action<RollPhase> phase, CancellationToken cancel)
        {
            var readiness = new NodeReadiness(node, peers, drain.OtherNodesServing());
            var began = DateTime.UtcNow;
            var upstreams = drain.Upstreams().Count;
            var left = DrainAndStop(node, drain, options, phase, cancel);
            StartAndRestore(node, drain, readiness, options, phase, cancel);
            return new NodeRestart(node, upstreams, left, DateTime.UtcNow - began);
        }

        /// <summary>
        /// Where a roll that failed at node <paramref name="i"/> leaves the cluster, and what
        /// finishes it: which node is drained, which still run unrestarted, and the commands.
        /// </summary>
        private static RestartException StoppedAt(IReadOnlyList<NodeRecord> nodes, int i, RollPhase at, Exception error)
        {
            var node = nodes[i];
            var untouched = nodes.Skip(i + 1).Select(n => $"'{n.Name}'").ToList();
            var rest = untouched.Count > 0 ? $"{string.Join(", ", untouched)} were not restarted. " : string.Empty;
            var rollRest = untouched.Count > 0 ? $"; then Restart-IsNode -Rolling -Site with {string.Join(", ", untouched)}" : string.Empty;
            var putBack = $"Start-IsNode -Site puts '{node.Name}' back{rollRest}";
            if (error is TimeoutException && (at == RollPhase.Starting || at == RollPhase.WaitingUntilReady))
                return new RestartException(RollStop.NotBack, node,
                    $"The rolling restart stopped at '{node.Name}': it stays drained at NGINX and the other nodes serve. {rest}" +
                    $"Find out why from its log, then {putBack}. " + error.Message, error);
            string where, finish;
            switch (at)
            {
                case RollPhase.Draining:
                    where = "while draining it: it is not drained (NGINX's files were put back) and still serves";
                    finish = $"Restart-IsNode -Rolling -Site with {string.Join(", ", new[] { $"'{node.Name}'" }.Concat(untouched))}";
                    break;
                case RollPhase.Restoring:
                    where = "while putting it back: it runs and is ready, but stays drained at NGINX (the other nodes serve)";
                    finish = putBack;
                    break;
                default:
                    where = $"while {(at == RollPhase.WaitingForRequests ? "waiting for its requests" : "stopping it")}: it stays drained " +
                        "at NGINX (the other nodes serve) and may still run";
                    finish = putBack;
                    break;
            }
            return new RestartException(RollStop.Stopped, node, $"The rolling restart stopped at '{node.Name}' {where}. {rest}" +
                $"To finish: fix what the message below names, then {finish}. " + error.Message, error);
        }

        /// <summary>Every node stopped, then every node started in the order given (the first becomes coordinator): an outage,
        /// for a change the whole cluster must take at once.</summary>
        public static IReadOnlyList<NodeRestart> All(IReadOnlyList<NodeRecord> nodes, RestartOptions options, Action<int, RollPhase> phase,
            CancellationToken cancel)
        {
            var began = DateTime.UtcNow;
            for (var i = 0; i < nodes.Count; i++)
            {
                phase(i, RollPhase.Stopping);
                NodeLifecycle.Stop(nodes[i], wait: true, options.Timeout, cancel);
            }
            for (var i = 0; i < nodes.Count; i++)
            {
                phase(i, RollPhase.Starting);
                Start(nodes[i], options, cancel);
                phase(i, RollPhase.Done);
            }
            return nodes.Select(n => new NodeRestart(n, 0, 0, DateTime.UtcNow - began)).ToList();
        }

        /// <summary>Stop-IsNode -Site: drained first (refused when it is the last serving server), then stopped.</summary>
        /// <returns>The connections still open when the drain wait ended.</returns>
        public static int DrainAndStop(NodeRecord node, NodeDrain drain, RestartOptions options, Action<RollPhase> phase,
            CancellationToken cancel)
        {
            var left = Drain(drain, options, phase, cancel);
            phase(RollPhase.Stopping);
            NodeLifecycle.Stop(node, wait: true, options.Timeout, cancel);
            return left;
        }

        /// <summary>Marked down in every upstream that lists it (refused when it is the last serving server), and its requests
        /// waited for.</summary>
        /// <returns>The connections still open when the wait ended.</returns>
        public static int Drain(NodeDrain drain, RestartOptions options, Action<RollPhase> phase, CancellationToken cancel)
        {
            drain.CheckOthersServe();
            drain.CheckEveryUpstreamIsGiven();
            var edits = drain.PlanDrain();
            phase(RollPhase.Draining);
            drain.Apply(edits);
            phase(RollPhase.WaitingForRequests);
            return edits.Count > 0 ? drain.WaitForRequests(options.DrainBound, cancel) : 0;
        }

        /// <summary>Start-IsNode -Site: started, and put back in its upstreams once it is ready; a node not ready in time
        /// stays drained (TimeoutException).</summary>
        public static void StartAndRestore(NodeRecord node, NodeDrain drain, NodeReadiness readiness, RestartOptions options,
            Action<RollPhase> phase, CancellationToken cancel)
        {
            var began = DateTime.UtcNow;
            phase(RollPhase.Starting);
            Start(node, options, cancel);
            phase(RollPhase.WaitingUntilReady);
            var missing = string.Empty;
            var left = options.Timeout - (DateTime.UtcNow - began);
            if (!NodeLifecycle.WaitFor(() => (missing = readiness.Missing()).Length == 0, left < TimeSpan.Zero ? TimeSpan.Zero : left, cancel))
                throw new TimeoutException($"'{node.Name}' started but is not ready after {options.Timeout.TotalSeconds:0} s: {missing}. " +
                    NodeLifecycle.LastLines(node));
            phase(RollPhase.Restoring);
            drain.Apply(drain.PlanRestore());
        }

        private static void Start(NodeRecord node, RestartOptions options, CancellationToken cancel) =>
            NodeLifecycle.Start(node, options.JavaHome, setup: false, wait: true, options.Timeout, cancel, keystorePassword: options.KeystorePassword);
    }
}
