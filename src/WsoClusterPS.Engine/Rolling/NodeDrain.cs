using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>
    /// One node taken out of NGINX's upstreams and put back: the file edits, the reload (through
    /// Invoke-NginxReload's test and rollback), and the wait for the requests in flight.
    /// </summary>
    public sealed class NodeDrain
    {
        private static readonly TimeSpan ReloadConfirm = TimeSpan.FromSeconds(10);
        private readonly NodeRecord _node;
        private readonly IReadOnlyList<SiteFile> _sites;
        private readonly Func<IHost, NginxControl> _nginx;
        private readonly IReadOnlyList<string> _endpoints;
        private IReadOnlyList<string> _upstreams;

        /// <param name="nginx">The NGINX that runs on a site's host.</param>
        public NodeDrain(NodeRecord node, IReadOnlyList<SiteFile> sites, Func<IHost, NginxControl> nginx)
        {
            _node = node;
            _sites = sites;
            _nginx = nginx;
            _endpoints = new[] { IsPorts.Https(node.Offset), IsPorts.Http(node.Offset) }
                .Select(p => NginxBackend.EndpointOf(node.ClusterHost, p)).ToList();
        }

        /// <summary>The edits that mark the node down, planned on the files as they are now; none when no upstream lists it
        /// (or it is down already).</summary>
        public IReadOnlyList<FileEdit> PlanDrain() => Plan((text, endpoint) =>
        {
            try
            {
                return UpstreamDrain.Drain(text, endpoint);
            }
            catch (InvalidOperationException emptied)
            {
                throw new RestartException(RollStop.LastServingNode, _node, $"{emptied.Message} '{_node.Name}' is the last server up " +
                    "there (another drain may have run meanwhile); nothing was changed.", emptied);
            }
        });

        /// <summary>The edits that put back what a drain changed, by this session or an earlier one.</summary>
        public IReadOnlyList<FileEdit> PlanRestore() => Plan(UpstreamDrain.Restore);

        /// <summary>"file: upstream" for every upstream that lists the node; read once, since draining and restoring change
        /// which servers are down, never which are listed.</summary>
        public IReadOnlyList<string> Upstreams() => _upstreams ?? (_upstreams = _sites.SelectMany(s => UpstreamDrain.Servers(Text(s))
            .Where(u => _endpoints.Contains(u.Address)).Select(u => $"{s.Path}: {u.Upstream}")).Distinct().ToList());

        /// <summary>
        /// Refuses to drain the node where no other server of an upstream serves: listed, not
        /// down, and answering as NGINX's machine sees it.
        /// </summary>
        public void CheckOthersServe()
        {
            foreach (var site in _sites)
            {
                var text = Text(site);
                foreach (var endpoint in _endpoints)
                foreach (var upstream in UpstreamDrain.Serving(text, endpoint).Where(u => u.Value.Contains(endpoint)))
                {
                    var others = upstream.Value.Where(s => s != endpoint).ToList();
                    if (others.Any(s => NginxBackend.Parse(s) is (string address, int port) && site.Host.Answers(address, port))) continue;
                    var listed = others.Count == 0 ? "no other server serves" : $"the other servers ({string.Join(", ", others)}) " +
                        $"do not answer on {site.Host.Name}";
                    throw new RestartException(RollStop.LastServingNode, _node,
                        $"'{_node.Name}' ({endpoint}) is the last serving server of upstream {upstream.Key} in {site.Path}: {listed}. " +
                        "Draining it would leave NGINX nothing to send requests to. Start another node (Start-IsNode -Site) first, " +
                        "or restart this one without -Site; nothing was changed.");
                }
            }
        }

        /// <summary>
        /// Refuses to drain the node when NGINX also sends it requests through an upstream in a file
        /// the given sites do not include (a vhost written by hand): that upstream would not be
        /// drained, and under traffic it would answer 502s while the node restarts. The module never
        /// edits a file it did not write, so the admin decides.
        /// </summary>
        public void CheckEveryUpstreamIsGiven()
        {
            foreach (var onHost in _sites.GroupBy(s => s.Host))
            {
                var files = _nginx(onHost.Key).ConfigurationFiles();
                var listing = files.Select(f => (f.Path, Upstreams: UpstreamDrain.Servers(f.Text).Where(u => _endpoints.Contains(u.Address))
                    .Select(u => u.Upstream).Distinct().ToList())).Where(f => f.Upstreams.Count > 0).ToList();
                if (listing.Count == 0) continue;
                var given = new HashSet<string>(RealPaths.Resolve(onHost.Key, onHost.Select(s => s.Path).ToList()), StringComparer.Ordinal);
                var real = RealPaths.Resolve(onHost.Key, listing.Select(f => f.Path).ToList());
                var unnamed = listing.Where((f, i) => !given.Contains(real[i]))
                    .Select(f => $"{f.Path} (upstream {string.Join(", ", f.Upstreams)})").ToList();
                if (unnamed.Count == 0) continue;
                throw new RestartException(RollStop.UnnamedUpstream, _node,
                    $"NGINX on {onHost.Key.Name} also sends '{_node.Name}' requests through {string.Join("; ", unnamed)}, which the " +
                    "given sites do not include: that upstream would not be drained, and would answer errors while the node is down. " +
                    "Take the node out of that upstream (or mark it down) by hand, or manage that vhost with New-NginxUpstream and " +
                    "give its site with -Site; nothing was changed.");
            }
        }

        /// <summary>
        /// How many other IS nodes the upstreams that list this node send requests to now (listed,
        /// not down, answering from NGINX's machine): the running cluster as the balancer sees it,
        /// which a restarted node must see too. A node is its host and port offset, so its HTTP and
        /// HTTPS servers count once.
        /// </summary>
        public int OtherNodesServing()
        {
            var others = new HashSet<(string Host, int Offset)>();
            foreach (var site in _sites)
            {
                var servers = UpstreamDrain.Servers(Text(site));
                var listing = new HashSet<string>(servers.Where(s => _endpoints.Contains(s.Address)).Select(s => s.Upstream));
                foreach (var server in servers.Where(s => listing.Contains(s.Upstream) && !_endpoints.Contains(s.Address) && !s.Down))
                    if (NginxBackend.Parse(server.Address) is (string address, int port) && site.Host.Answers(address, port))
                        others.Add((address, port >= IsPorts.StockHttp ? port - IsPorts.StockHttp : port - IsPorts.StockHttps));
            }
            return others.Count;
        }

        /// <summary>Writes the edits, then tests and reloads each NGINX they touch; a refused reload puts its files back and
        /// throws.</summary>
        public void Apply(IReadOnlyList<FileEdit> edits)
        {
            foreach (var onHost in edits.GroupBy(e => e.Host))
            {
                var written = new List<FileEdit>();
                try
                {
                    foreach (var edit in onHost)
                    {
                        edit.Apply(keepBackup: false);
                        written.Add(edit);
                    }
                }
                catch (Exception) when (written.Count > 0)
                {
                    // A file refused at write time (the last server up, a link): the ones already written go back, unreloaded.
                    foreach (var edit in written) edit.Revert();
                    throw;
                }
                var report = NginxReload.Run(_nginx(onHost.Key), written, anySites: true, ReloadConfirm);
                if (report.Error != null) throw report.Error;
            }
        }

        /// <summary>Waits until no connection to the node's HTTP and HTTPS ports is open, at most <paramref name="bound"/>;
        /// returns how many were still open.</summary>
        public int WaitForRequests(TimeSpan bound, CancellationToken cancel)
        {
            var open = 0;
            NodeLifecycle.WaitFor(() => (open = NodeConnections.Open(_node)) <= 0, bound, cancel);
            return Math.Max(0, open);
        }

        private IReadOnlyList<FileEdit> Plan(Func<string, string, string> change) => _sites
            .Select(s => FileEdit.Transform(s.Host, s.Path, text => _endpoints.Aggregate(text, change)))
            .Where(e => e.Changed).ToList();

        private static string Text(SiteFile site) => System.Text.Encoding.UTF8.GetString(site.Host.ReadAllBytes(site.Path));
    }
}
