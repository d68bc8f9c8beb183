using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Checks;
using WsoClusterPS.Engine.Is.Database;
using WsoClusterPS.Engine.Is.Keystores;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Engine.Rolling;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// What it takes to bring the cluster on its machines to a spec, read on every machine at once
    /// and written as ordered changes: nodes from the pack, their files, drivers, schema, starts,
    /// nodes leaving (drained, stopped), NGINX, drained restarts of the nodes whose files changed,
    /// and a check. Nothing is changed while planning.
    /// </summary>
    public sealed class ClusterPlanner
    {
        private readonly ClusterSpec _spec;
        private readonly PlanContext _context;
        private readonly List<ClusterChange> _changes = new List<ClusterChange>();
        private readonly List<string> _warnings = new List<string>();
        private readonly DatabaseSettings _database;
        private readonly string _keystorePassword;
        private IHost _balancerHost;
        private PackSource _pack;
        private NginxControl _nginx;

        private ClusterPlanner(ClusterSpec spec, PlanContext context)
        {
            _spec = spec;
            _context = context;
            var database = spec.Database;
            if (database == null) return;
            var credential = context.Credential(database.Credential);
            _database = new DatabaseSettings(database.Server, database.Port, credential.UserName, credential.Password,
                database.Name ?? database.IdentityDatabase, database.Name ?? database.SharedDatabase, database.AgentIdentityDatabase,
                database.UserStoreType, database.ConnectionOption, database.PoolOption, database.Datasource);
            if (!database.EncryptSecret) return;
            if (database.KeystoreCredential != null) _keystorePassword = context.Credential(database.KeystoreCredential).Password;
            else
            {
                _keystorePassword = VaultKeystoreLocation.StockPassword;
                _warnings.Add(VaultKeystoreLocation.StockPasswordWarning);
            }
        }

        public static ClusterPlan Plan(ClusterSpec spec, PlanContext context) => new ClusterPlanner(spec, context).Build();

        private RestartOptions Options() => new RestartOptions
        {
            DrainBound = TimeSpan.FromSeconds(_spec.DrainSeconds), Timeout = TimeSpan.FromSeconds(_spec.TimeoutSeconds),
            JavaHome = _spec.JavaHome, KeystorePassword = _keystorePassword,
        };

        private ClusterPlan Build()
        {
            var options = Options();
            var wanted = _spec.Nodes.Select(Wanted).ToList();
            foreach (var twice in wanted.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                throw new SpecException($"Two nodes of the spec are named '{twice.Key}'. Give each node its own Name; nothing was changed.");
            foreach (var twice in wanted.Except(RealPaths.Distinct(wanted, n => n.Host, n => n.Home).ToList()))
                throw new SpecException($"Node '{twice.Name}' is at {twice.Home} on {twice.Host.Name}, the home of another node of the spec " +
                    "too (the same folder, spelt another way or through a link). Give each node its own Path; nothing was changed.");
            var cluster = new ClusterSettings(new WkaScheme(ClusterSettings.MembersOf(wanted)), _spec.Domain, _spec.Hostname,
                _spec.ProxyPort, _spec.HttpProxyPort);

            var nodes = PerHost.All(Enumerable.Range(0, wanted.Count).ToList(), i => wanted[i].Host,
                i => Found(wanted[i], _spec.Nodes[i], cluster));
            _warnings.AddRange(nodes.SelectMany(n => n.Warnings));

            // Only the nodes the spec wants running serve: a stopped one is out of the upstreams.
            var sites = SiteEdits(nodes.Where(n => n.Spec.State == NodeState.Running).Select(n => n.Wanted).ToList());
            var leaving = Leaving(wanted, sites);

            foreach (var node in nodes.Where(n => n.Now.OnDisk == null)) node.Created = Create(node.Wanted);
            // The marker is the module's, not IS's: rewriting it needs no restart.
            foreach (var node in nodes.Where(n => n.Now.OnDisk != null && (n.Now.OnDisk.Name != n.Wanted.Name || n.Now.OnDisk.Role != n.Wanted.Role)))
                Added(ClusterChange.Of(FileEdit.Replace(node.Wanted.Host, IsLayout.NodeMarker(node.Wanted.Host, node.Wanted.Home),
                    NodeMarker.Render(node.Wanted)), node.Wanted.Name, "its recorded name or role differs from the spec"));
            foreach (var node in nodes) Configure(node, cluster);
            foreach (var node in nodes) CopyDriver(node);
            Keys(nodes);
            var schema = Schema(nodes);

            var running = nodes.Where(n => n.Spec.State == NodeState.Running).ToList();
            var before = _changes.ToList();
            foreach (var node in running.Where(n => !n.Now.Running))
                Change(node.Wanted, node.Wanted.Home, ChangeAction.Start, node.Now.OnDisk == null ? "a new node"
                    : "not running; the spec wants it running", run => NodeLifecycle.Start(node.Wanted, _spec.JavaHome, setup: false,
                        wait: true, options.Timeout, run.Cancel, waited => run.Progress($"Starting '{node.Wanted.Name}': " +
                            $"{waited.TotalSeconds:0} s", -1), _keystorePassword), before);
            foreach (var node in nodes.Where(n => n.Spec.State == NodeState.Stopped && n.Now.Running))
                Stop(node.Wanted, "the spec wants it stopped", options, before);
            foreach (var node in leaving)
            {
                var stop = NodeLifecycle.RunningPid(node) == null ? null : Stop(node, "left out of the spec", options, before);
                if (_context.RemoveFiles)
                    Change(node, node.Home, ChangeAction.Remove, "left out of the spec, and -RemoveFiles was given",
                        run => node.Host.DeleteTree(node.Home), new[] { stop });
            }

            var reload = Sites(sites, _changes.ToList());
            foreach (var node in running.Where(n => n.Now.Running))
                Restart(node, running.Where(n => n != node).Select(n => n.Wanted).ToList(), options, reload, schema);
            // A spec whose every node is stopped has no running cluster to check.
            if (_changes.Count > 0 && running.Count > 0)
                Change(null, "Test-IsCluster", ChangeAction.Verify, $"Test-IsCluster on the {running.Count} running node(s)",
                    run => Verify(running.Select(n => n.Wanted).ToList()), _changes.ToList(), LocalHost.Instance);
            return new ClusterPlan(_changes, _warnings);
        }

        /// <summary>The node as the spec wants it: what it does not say comes from the path, the machine and the offset, as
        /// New-IsClusterNode fills it.</summary>
        private NodeRecord Wanted(NodeSpec node)
        {
            var host = _context.Host(node.ComputerName);
            if (node.ComputerName != null && !node.Path.StartsWith("/", StringComparison.Ordinal))
                throw new SpecException($"The Path '{node.Path}' of a node on {node.ComputerName} is relative: give it from the root " +
                    "(/opt/wso2/...). Nothing was changed.");
            return new NodeRecord(host, node.Path, node.Name ?? host.SplitPath(node.Path).Leaf, node.Role, node.Offset,
                node.ClusterHost ?? host.PrimaryAddress(), node.ClusterPort ?? IsPorts.DefaultCluster(node.Offset), _spec.Hostname);
        }

        /// <summary>One node read and planned on its own machine: its state, its files' edits, its driver.</summary>
        private PlannedNode Found(NodeRecord wanted, NodeSpec spec, ClusterSettings cluster)
        {
            var node = new PlannedNode(wanted, spec, NodeNow.Read(wanted));
            if (node.Now.OnDisk == null) return node;
            var onDisk = node.Now.OnDisk;
            if (node.Now.Running && spec.State == NodeState.Running && (onDisk.Offset != wanted.Offset || onDisk.ClusterHost != wanted.ClusterHost))
                throw new SpecException($"Node '{wanted.Name}' runs at {onDisk.ClusterHost} with offset {onDisk.Offset}; the spec moves it to " +
                    $"{wanted.ClusterHost} with offset {wanted.Offset}, so its ports would change while NGINX sends it requests. Give it " +
                    "State = 'Stopped' first and apply that, then move it and set it Running again; nothing was changed.");
            if (_database == null)
            {
                node.Files = VaultEdit.Plan(wanted, null, (toml, secrets) => Edit(toml, secrets, wanted, cluster), writesSecret: false);
                return node;
            }
            // As Set-IsDatabase plans it (its warnings too), with the clustering in the same edit.
            var database = DatabaseSetup.Plan(wanted, _database, _spec.Database.JdbcDriverPath, _keystorePassword,
                toml => Place(toml, wanted, cluster));
            node.Files = database.Files;
            node.Driver = database.Driver;
            node.Warnings.AddRange(database.Warnings);
            return node;
        }

        /// <summary>Every setting the spec gives a node's deployment.toml: the offset, clustering, the database.</summary>
        private void Edit(Toml.TomlEditor toml, ISecretWriter secrets, NodeRecord node, ClusterSettings cluster)
        {
            Place(toml, node, cluster);
            _database?.ApplyTo(toml, secrets);
        }

        /// <summary>The node's own place in the cluster: its offset and clustering.</summary>
        private static void Place(Toml.TomlEditor toml, NodeRecord node, ClusterSettings cluster)
        {
            var offset = toml.Get(DeploymentKeys.Offset);
            if ((node.Offset != 0 || offset != null) && Convert.ToString(offset, CultureInfo.InvariantCulture) !=
                node.Offset.ToString(CultureInfo.InvariantCulture))
                toml.SetString(DeploymentKeys.Offset, node.Offset.ToString(CultureInfo.InvariantCulture));
            cluster.ApplyTo(toml, node);
        }

        /// <summary>The spec's pack, opened (and so checked) once, when a node must be made from it.</summary>
        private PackSource Pack(NodeRecord node)
        {
            if (_spec.Pack == null)
                throw new SpecException($"Node '{node.Name}' is not at {node.Home} on {node.Host.Name}, and the spec names no Pack to " +
                    "make it from. Give Pack (the IS zip or folder on this machine); nothing was changed.");
            return _pack ?? (_pack = PackSource.Open(_spec.Pack));
        }

        private ClusterChange Create(NodeRecord node)
        {
            var pack = Pack(node);
            return Change(node, node.Home, ChangeAction.Create, $"not there: made from {_spec.Pack}", run =>
                NodeInstaller.Install(pack, node, replace: false,
                    p => run.Progress($"Copying the pack to {node.Home} on {node.Host.Name}", p.Percent), run.Cancel));
        }

        private void Configure(PlannedNode node, ClusterSettings cluster)
        {
            var wanted = node.Wanted;
            if (node.Files == null && _keystorePassword != null)
            {
                // Sealing needs the node's own keystore: planned once the node is made from the pack.
                node.Changed.Add(Change(wanted, wanted.DeploymentToml, ChangeAction.Update, "a new node: its settings as the spec says",
                    run =>
                    {
                        var files = VaultEdit.Plan(wanted, _keystorePassword, (toml, secrets) => Edit(toml, secrets, wanted, cluster));
                        files.Apply(files.SecretConf != null, true, run.KeepBackup, run.ReplaceReadOnly, run.Wait);
                    }, new[] { node.Created }));
                return;
            }
            // A new node's file is planned on the pack's own, so its diff shows before anything is made.
            var files = node.Files ?? VaultEdit.Plan(wanted, null, (toml, secrets) => Edit(toml, secrets, wanted, cluster),
                Pack(wanted).Read(IsLayout.DeploymentTomlEntry), writesSecret: _database != null);
            var reason = node.Created == null ? "its settings differ from the spec" : "a new node: its settings as the spec says";
            foreach (var change in StepChanges.Of(files, wanted.Name, reason, node.Created == null ? null : new[] { node.Created }))
                node.Changed.Add(Added(change));
        }

        private void CopyDriver(PlannedNode node)
        {
            var jar = _spec.Database?.JdbcDriverPath;
            if (jar == null) return;
            var wanted = node.Wanted;
            if (node.Driver == null)
                node.Changed.Add(Change(wanted, IsLayout.LibFolder(wanted.Host, wanted.Home), ChangeAction.Create,
                    $"a new node: the driver {jar}", run => JdbcDriver.Plan(wanted.Host, wanted.Home, jar).Apply(), new[] { node.Created }));
            else if (StepChanges.Of(node.Driver, wanted.Name) is ClusterChange copy) node.Changed.Add(Added(copy));
        }

        /// <summary>The spec's Keystore on every node, as Set-IsKeystore plans it; where nodes are still to be made, planned and
        /// written once they are, so they get the cluster's keystore too.</summary>
        private void Keys(IReadOnlyList<PlannedNode> nodes)
        {
            if (_spec.Keystore == null) return;
            var request = _spec.Keystore.Request(_context, _spec.Hostname, () =>
            {
                if (_keystorePassword != null) return _keystorePassword;
                _warnings.Add(VaultKeystoreLocation.StockPasswordWarning);
                return VaultKeystoreLocation.StockPassword;
            });
            var wanted = nodes.Select(n => n.Wanted).ToList();
            if (nodes.All(n => n.Created == null))
            {
                var plans = KeystoreSetup.Plan(wanted, request).Plans;
                for (var i = 0; i < nodes.Count; i++)
                    foreach (var change in StepChanges.Of(plans[i])) nodes[i].Changed.Add(Added(change));
                return;
            }
            var keys = Change(null, "the cluster's keys", ChangeAction.Update, "Keystore as the spec says, once every node is made",
                run =>
                {
                    foreach (var plan in KeystoreSetup.Plan(wanted, request).Plans)
                    {
                        plan.Keystore?.Apply(run.KeepBackup, run.Wait);
                        plan.Truststore?.Apply(run.KeepBackup, run.Wait);
                        plan.Files.Apply(plan.Files.SecretConf?.Changed == true, plan.Files.Toml.Changed, run.KeepBackup, run.ReplaceReadOnly,
                            run.Wait);
                    }
                }, _changes.ToList(), LocalHost.Instance);
            foreach (var node in nodes) node.Changed.Add(keys);
        }

        /// <summary>The pack's scripts not yet in the database, run once through the first node; when no node exists yet, the
        /// first one made (scripts already there are skipped then).</summary>
        private ClusterChange Schema(IReadOnlyList<PlannedNode> nodes)
        {
            if (_spec.Database?.InitializeSchema != true) return null;
            var source = nodes.FirstOrDefault(n => n.Now.OnDisk != null) ?? nodes[0];
            var pending = source.Now.OnDisk == null ? null : DatabaseSetup.PendingSchema(source.Wanted, _database);
            if (pending != null && pending.Count == 0) return null;
            var admin = _spec.Database.AdminCredential == null ? null : _context.Credential(_spec.Database.AdminCredential);
            return Change(source.Wanted, $"MySQL {_database.Server}:{_database.Port}", ChangeAction.InitializeSchema,
                pending == null ? "the databases get the pack's scripts they lack" : $"{pending.Count} script(s) not installed: " +
                    string.Join(", ", pending.Take(4)) + (pending.Count > 4 ? ", ..." : string.Empty),
                run => DatabaseSetup.CreateSchema(source.Wanted, _database, admin == null ? null
                    : new MySql.DatabaseAccount(admin.UserName, admin.Password), step => run.Progress($"{step.Script}: " +
                    $"{step.StatementsDone} of {step.StatementCount} statements", step.Percent), run.Cancel),
                source.Created == null ? null : new[] { source.Created });
        }

        /// <summary>The balancer's files as the spec wants them, for the nodes that serve; none without a LoadBalancer.</summary>
        private NginxFiles SiteEdits(IReadOnlyList<NodeRecord> serving)
        {
            var balancer = _spec.LoadBalancer;
            if (balancer == null) return null;
            _balancerHost = _context.Host(balancer.ComputerName).ForPrivilegedSteps();
            _nginx = new NginxControl(_balancerHost, balancer.NginxPath, balancer.ConfigPath, balancer.Prefix, balancer.Method);
            // With no node to serve there is no upstream to write: NGINX is left as it is.
            return serving.Count == 0 ? null : NginxPlan.Files(_balancerHost, balancer.ConfigDirectory, serving, balancer.Site);
        }

        /// <summary>The nodes the balancer's sites list that the spec does not: found on their machines, to be drained and
        /// stopped.</summary>
        private IReadOnlyList<NodeRecord> Leaving(IReadOnlyList<NodeRecord> wanted, NginxFiles sites)
        {
            if (sites == null) return Array.Empty<NodeRecord>();
            var listed = sites.Sites.SelectMany(s => SiteNodes.Read(s.Edit.OldText))
                .Where(l => !wanted.Any(w => w.Host.Name == l.HostName && w.Home == l.Home))
                .GroupBy(l => (l.HostName, l.Home)).Select(g => g.First()).ToList();
            var leaving = new List<NodeRecord>();
            foreach (var (_, name, hostName, home) in listed)
            {
                IHost host;
                try
                {
                    host = _context.Host(hostName == LocalHost.Instance.Name ? null : hostName);
                }
                catch (SpecException error)
                {
                    throw new SpecException($"Node '{name}' ({home} on {hostName}) is in the balancer's upstreams but not in the spec, " +
                        $"so it must be drained and stopped, and {error.Message}");
                }
                if (host.FileExists(IsLayout.DeploymentToml(host, home))) leaving.Add(NodeReader.Read(host, home, role: null, name));
            }
            return leaving;
        }

        private ClusterChange Stop(NodeRecord node, string why, RestartOptions options, IReadOnlyList<ClusterChange> before)
        {
            var drain = Drain(node);
            var drained = drain.Upstreams().Count == 0 ? null : Change(node, node.Home, ChangeAction.Drain,
                $"{why}: marked down in {string.Join(", ", drain.Upstreams())}, its requests waited for", run =>
                    NodeRestarts.Drain(drain, options, Phases(run, node), run.Cancel), before);
            return Change(node, node.Home, ChangeAction.Stop, why, run => NodeLifecycle.Stop(node, wait: true, options.Timeout, run.Cancel),
                drained == null ? before : new[] { drained });
        }

        /// <summary>The site files' changes, then one reload that puts back the files NGINX refuses.</summary>
        private ClusterChange Sites(NginxFiles sites, IReadOnlyList<ClusterChange> before)
        {
            if (sites == null) return null;
            var edits = new[] { sites.UpgradeMap }.Concat(sites.Sites.Select(s => s.Edit)).Where(e => e.Changed).ToList();
            var changes = edits.Select(edit => Added(ClusterChange.Of(edit, null, "the upstreams and vhost as the spec says", before))).ToList();
            if (changes.Count == 0) return null;
            return Change(null, $"NGINX ({_spec.LoadBalancer.NginxPath})", ChangeAction.Reload, "tested and reloaded for the new sites", run =>
            {
                // The sites written since NGINX last took its configuration: an earlier run's are in the files already.
                var written = edits.Where(e => e.Written).ToList();
                var report = NginxReload.Run(_nginx, written, anySites: true, TimeSpan.FromSeconds(10));
                if (report.Error != null) throw report.Error;
            }, changes, _balancerHost);
        }

        /// <summary>A running node whose files change in this plan, or changed after it started, restarted drained.</summary>
        private void Restart(PlannedNode node, IReadOnlyList<NodeRecord> peers, RestartOptions options, ClusterChange reload,
            ClusterChange schema)
        {
            if (node.Changed.Count == 0 && !node.Now.ChangedSinceStart) return;
            var after = node.Changed.Concat(new[] { reload, schema }).Where(c => c != null).ToList();
            var wanted = node.Wanted;
            Change(wanted, wanted.Home, ChangeAction.Restart, node.Changed.Count > 0 ? "its files change in this plan"
                : "its files were written after it started", run => NodeRestarts.RollOne(wanted, peers, Drain(wanted), options,
                    Phases(run, wanted), run.Cancel), after);
        }

        /// <summary>Each phase of a node's drain or restart, said as its progress.</summary>
        private static Action<RollPhase> Phases(ChangeRun run, NodeRecord node) =>
            phase => run.Progress($"'{node.Name}': {RollPhases.Describe(phase)}", -1);

        private NodeDrain Drain(NodeRecord node)
        {
            var balancer = _spec.LoadBalancer;
            var sites = balancer == null ? new List<SiteFile>() : NginxPlan.For(new[] { node }, balancer.Site)
                .Select(s => new SiteFile(_balancerHost, _balancerHost.Combine(balancer.ConfigDirectory, s.FileName)))
                .Where(s => s.Host.FileExists(s.Path)).ToList();
            return new NodeDrain(node, sites, host => _nginx);
        }

        private void Verify(IReadOnlyList<NodeRecord> nodes)
        {
            var balancer = _spec.LoadBalancer;
            var results = ClusterCheck.Run(nodes, new BalancerProbe(balancer?.LoadBalancerUri, null, balancer?.SkipCertificateCheck == true),
                new List<string>());
            var failed = results.Where(r => !r.Passed).ToList();
            if (failed.Count > 0)
                throw new ClusterCheckException(failed);
        }

        private ClusterChange Change(NodeRecord node, string target, ChangeAction action, string reason, Action<ChangeRun> apply,
            IReadOnlyList<ClusterChange> after = null, IHost host = null) =>
            Added(new ClusterChange(host ?? node.Host, target, action, node?.Name, reason, apply, after?.Where(c => c != null).ToList()));

        private ClusterChange Added(ClusterChange change)
        {
            _changes.Add(change);
            return change;
        }

        /// <summary>One node while it is planned: where it stands and the changes made to its files.</summary>
        private sealed class PlannedNode
        {
            public PlannedNode(NodeRecord wanted, NodeSpec spec, NodeNow now)
            {
                Wanted = wanted;
                Spec = spec;
                Now = now;
            }

            public NodeRecord Wanted { get; }
            public NodeSpec Spec { get; }
            public NodeNow Now { get; }
            public VaultEdit Files { get; set; }
            public JdbcDriver Driver { get; set; }
            public List<string> Warnings { get; } = new List<string>();
            public ClusterChange Created { get; set; }
            public List<ClusterChange> Changed { get; } = new List<ClusterChange>();
        }
    }
}
