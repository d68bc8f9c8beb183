using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// A whole cluster as data: the pack, the nodes, the database and the balancer, with every
    /// credential named. Read from a table (a .psd1, JSON or a hashtable, made plain by the cmdlet).
    /// </summary>
    public sealed class ClusterSpec
    {
        public string Pack { get; set; }
        public string Hostname { get; set; }
        public string Domain { get; set; }
        public int? ProxyPort { get; set; }
        public int? HttpProxyPort { get; set; }
        public string JavaHome { get; set; }

        /// <summary>How long each node may take to start, stop, or come back ready (Start-IsNode -TimeoutSeconds).</summary>
        public int TimeoutSeconds { get; set; } = 300;
        public int DrainSeconds { get; set; } = 30;
        public IReadOnlyList<NodeSpec> Nodes { get; set; } = Array.Empty<NodeSpec>();
        public DatabaseSpec Database { get; set; }
        public BalancerSpec LoadBalancer { get; set; }
        public KeystoreSpec Keystore { get; set; }

        /// <param name="localPath">Makes a path on this machine absolute (the spec file's folder, or the current location).</param>
        public static ClusterSpec Read(IDictionary table, Func<string, string> localPath)
        {
            var root = new SpecTable(table, string.Empty);
            var pack = root.String(nameof(Pack));
            var spec = new ClusterSpec
            {
                Pack = pack == null ? null : localPath(pack),
                Hostname = root.String(nameof(Hostname)),
                Domain = root.String(nameof(Domain)),
                ProxyPort = root.Int(nameof(ProxyPort), 1, 65535),
                HttpProxyPort = root.Int(nameof(HttpProxyPort), 1, 65535),
                JavaHome = root.String(nameof(JavaHome)),
                TimeoutSeconds = root.Int(nameof(TimeoutSeconds), 1, 3600) ?? 300,
                DrainSeconds = root.Int(nameof(DrainSeconds), 0, 3600) ?? 30,
                Nodes = root.Tables(nameof(Nodes)).Select(NodeSpec.Read).ToList(),
                Database = root.Table(nameof(Database)) is SpecTable database ? DatabaseSpec.Read(database) : null,
                LoadBalancer = root.Table(nameof(LoadBalancer)) is SpecTable balancer ? BalancerSpec.Read(balancer) : null,
                Keystore = root.Table(nameof(Keystore)) is SpecTable keystore ? KeystoreSpec.Read(keystore, localPath) : null,
            };
            root.RefuseUnknownKeys();
            if (spec.Nodes.Count == 0) throw new SpecException("The spec has no Nodes: list the cluster's nodes, each @{ Path = ...; Role = ... }.");
            foreach (var node in spec.Nodes.Where(n => n.ComputerName == null)) node.Path = localPath(node.Path);
            if (spec.Database?.JdbcDriverPath != null) spec.Database.JdbcDriverPath = localPath(spec.Database.JdbcDriverPath);
            return spec;
        }

        /// <summary>A ComputerName as the spec means it: absent and localhost are this machine (null).</summary>
        internal static string Machine(string computerName) =>
            computerName == null || string.Equals(computerName, "localhost", StringComparison.OrdinalIgnoreCase) ? null : computerName;
    }
}
