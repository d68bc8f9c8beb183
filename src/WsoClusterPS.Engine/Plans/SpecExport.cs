using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// The spec of a cluster that exists, read from its nodes' files and its balancer's vhosts, so
    /// that planning it changes nothing: the way a cluster built by hand or by the step cmdlets is
    /// taken over.
    /// </summary>
    public static class SpecExport
    {
        /// <param name="sites">The balancer's vhosts: their host, path and text.</param>
        /// <param name="credentialName">The name the database credential is given in the spec.</param>
        /// <param name="keystoreCredentialName">The name the keystore's password is given, when the database password is
        /// sealed with Secure Vault.</param>
        public static ClusterSpec From(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<(IHost Host, string Path, string Text)> sites,
            string credentialName, string keystoreCredentialName, BalancerSpec balancer)
        {
            var listed = sites.SelectMany(s => SiteNodes.Read(s.Text)).Select(l => (l.HostName, l.Home)).Distinct().ToList();
            // In the order the upstreams list them, so the vhosts are rendered as they are.
            var ordered = nodes.OrderBy(n => listed.IndexOf((n.Host.Name, n.Home)) is var at && at < 0 ? int.MaxValue : at).ToList();
            var toml = TomlEditor.Read(ordered[0].Host, ordered[0].DeploymentToml);
            var spec = new ClusterSpec
            {
                Hostname = toml.Get(DeploymentKeys.Hostname) as string,
                Domain = toml.Get(DeploymentKeys.Domain) as string,
                ProxyPort = Number(toml.Get(DeploymentKeys.HttpsProxyPort)),
                HttpProxyPort = Number(toml.Get(DeploymentKeys.HttpProxyPort)),
                Nodes = ordered.Select(n => new NodeSpec
                {
                    ComputerName = n.Host is LocalHost ? null : n.Host.Name, Path = n.Home, Name = n.Name, Role = n.Role, Offset = n.Offset,
                    ClusterHost = n.ClusterHost, ClusterPort = n.ClusterPort,
                    State = NodeLifecycle.RunningPid(n) == null ? NodeState.Stopped : NodeState.Running,
                }).ToList(),
                Database = Database(toml, credentialName, keystoreCredentialName),
            };
            if (sites.Count > 0)
            {
                balancer.ComputerName = sites[0].Host is LocalHost ? null : sites[0].Host.Name;
                balancer.ConfigDirectory = sites[0].Host.SplitPath(sites[0].Path).Parent;
                balancer.Site = SiteSettingsReader.Read(sites.Select(s => (s.Path, s.Text)).ToList());
                spec.LoadBalancer = balancer;
            }
            return spec;
        }

        /// <summary>The shared database identity_db and shared_db point at, as Set-IsDatabase writes them; null when they are
        /// not on MySQL.</summary>
        private static DatabaseSpec Database(TomlEditor toml, string credentialName, string keystoreCredentialName)
        {
            const string identity = DeploymentKeys.IdentityDatabase;
            if (!(toml.Get(identity, "type") is string type) || type != "mysql") return null;
            var identityName = toml.Get(identity, "name") as string;
            var sharedName = toml.Get(DeploymentKeys.SharedDatabase, "name") as string;
            var url = toml.Get(identity, "url") as string;
            var query = url?.IndexOf('?') is int at && at >= 0 ? url.Substring(at + 1) : null;
            var pool = identity + ".pool_options";
            var sealedPassword = (toml.Get(identity, "password") as string)?.StartsWith("$secret{", StringComparison.Ordinal) == true;
            return new DatabaseSpec
            {
                Server = toml.Get(identity, "hostname") as string,
                Port = Number(toml.Get(identity, "port")) ?? 3306,
                Name = identityName == sharedName ? identityName : null,
                IdentityDatabase = identityName == sharedName ? null : identityName,
                SharedDatabase = identityName == sharedName ? null : sharedName,
                UserStoreType = toml.Get(DeploymentKeys.UserStoreType) as string ?? "database_unique_id",
                Credential = credentialName,
                EncryptSecret = sealedPassword,
                KeystoreCredential = sealedPassword ? keystoreCredentialName : null,
                ConnectionOption = query?.Replace("&amp;", "&").Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(o => o.Split(new[] { '=' }, 2)).Select(o => new KeyValuePair<string, string>(o[0], o.Length > 1 ? o[1] : ""))
                    .ToList(),
                PoolOption = toml.Keys(pool).Count == 0 ? null
                    : toml.Keys(pool).Select(k => new KeyValuePair<string, object>(k, toml.Get(pool, k))).ToList(),
            };
        }

        private static int? Number(object value)
        {
            switch (value)
            {
                case long number: return (int)number;
                case string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed): return parsed;
                default: return null;
            }
        }
    }
}
