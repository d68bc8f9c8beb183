using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A cluster spec as a PowerShell data file (.psd1) that Import-PowerShellDataFile reads back: only what differs
    /// from the defaults, texts in single quotes.</summary>
    public static class SpecWriter
    {
        public static string Write(ClusterSpec spec, string exportedFrom)
        {
            var text = new StringBuilder();
            text.Append("# A WsoClusterPS cluster spec (docs/cluster-spec.md), exported ").Append(exportedFrom).Append(".\n");
            text.Append("# Get-IsClusterPlan -Spec <this file> shows what applying it would change: nothing, until it is edited.\n");
            text.Append("@{\n");
            var root = new Table(text, 1);
            if (spec.Pack == null) text.Append("    # Pack = './wso2is.zip'   # the IS pack new nodes are made from: needed to add a node\n");
            root.Add("Pack", spec.Pack).Add("Hostname", spec.Hostname).Add("Domain", spec.Domain).Add("ProxyPort", spec.ProxyPort)
                .Add("HttpProxyPort", spec.HttpProxyPort);
            text.Append("    Nodes = @(\n");
            foreach (var node in spec.Nodes)
            {
                text.Append("        @{ ");
                var entry = new Table(text, 0, inline: true);
                entry.Add("Name", node.Name).Add("Role", node.Role.ToString()).Add("ComputerName", node.ComputerName).Add("Path", node.Path)
                    .Add("ClusterHost", node.ClusterHost).Add("ClusterPort", node.ClusterPort).Add("Offset", node.Offset == 0 ? null : (int?)node.Offset)
                    .Add("State", node.State == NodeState.Running ? null : node.State.ToString());
                text.Append(" }\n");
            }
            text.Append("    )\n");
            if (spec.Database is DatabaseSpec database)
            {
                text.Append("    Database = @{\n");
                text.Append("        # Credential (and KeystoreCredential) name credentials resolved when planning: -Credential @{ '")
                    .Append(database.Credential).Append("' = $credential }, SecretManagement or Azure Automation.\n");
                new Table(text, 2).Add("Server", database.Server).Add("Port", database.Port == 3306 ? null : (int?)database.Port)
                    .Add("Name", database.Name).Add("IdentityDatabase", database.IdentityDatabase).Add("SharedDatabase", database.SharedDatabase)
                    .Add("UserStoreType", database.UserStoreType == "database_unique_id" ? null : database.UserStoreType)
                    .Add("Credential", database.Credential).Add("EncryptSecret", database.EncryptSecret)
                    .Add("KeystoreCredential", database.KeystoreCredential)
                    .Add("ConnectionOption", database.ConnectionOption?.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)).ToList())
                    .Add("PoolOption", database.PoolOption);
                text.Append("    }\n");
            }
            if (spec.LoadBalancer is BalancerSpec balancer)
            {
                var site = balancer.Site;
                text.Append("    LoadBalancer = @{\n");
                new Table(text, 2).Add("ComputerName", balancer.ComputerName).Add("ServerName", site.ServerName)
                    .Add("Scheme", site.Https && site.Http ? null : site.Https ? "Https" : "Http")
                    .Add("ConfigDirectory", balancer.ConfigDirectory).Add("CertificatePath", site.CertificatePath)
                    .Add("CertificateKeyPath", site.CertificateKeyPath).Add("ListenAddress", site.ListenAddress)
                    .Add("ListenPort", site.Https && site.HttpsListenPort != 443 ? (int?)site.HttpsListenPort : null)
                    .Add("HttpListenPort", site.Http && site.HttpListenPort != 80 ? (int?)site.HttpListenPort : null)
                    .Add("Sticky", site.Sticky == Stickiness.IpHash ? null : site.Sticky.ToString())
                    .Add("UpstreamName", site.UpstreamName == "wso2_is" ? null : site.UpstreamName)
                    .Add("FileName", site.FileName == "is" ? null : site.FileName)
                    .Add("NginxPath", balancer.NginxPath == "nginx" ? null : balancer.NginxPath).Add("ConfigPath", balancer.ConfigPath)
                    .Add("Prefix", balancer.Prefix).Add("Method", balancer.Method == ReloadMethod.Signal ? null : balancer.Method.ToString())
                    .Add("LoadBalancerUri", balancer.LoadBalancerUri?.ToString()).Add("SkipCertificateCheck", balancer.SkipCertificateCheck);
                text.Append("    }\n");
            }
            text.Append("}\n");
            return text.ToString();
        }

        /// <summary>The keys of one table, each on its own line (or on one line for a node); a value left out is not written.</summary>
        private sealed class Table
        {
            private readonly StringBuilder _text;
            private readonly string _indent;
            private readonly bool _inline;
            private bool _first = true;

            public Table(StringBuilder text, int depth, bool inline = false)
            {
                _text = text;
                _indent = new string(' ', 4 * depth);
                _inline = inline;
            }

            public Table Add(string key, object value)
            {
                if (value == null || value is false) return this;
                if (_inline) _text.Append(_first ? string.Empty : "; ");
                else _text.Append(_indent);
                _text.Append(key).Append(" = ").Append(Value(value));
                if (!_inline) _text.Append('\n');
                _first = false;
                return this;
            }

            private static string Value(object value)
            {
                switch (value)
                {
                    case string text: return Quote(text);
                    case bool flag: return flag ? "$true" : "$false";
                    case int number: return number.ToString(CultureInfo.InvariantCulture);
                    case long number: return number.ToString(CultureInfo.InvariantCulture);
                    case IEnumerable<KeyValuePair<string, object>> pairs:
                        return "@{ " + string.Join("; ", pairs.Select(p => Quote(p.Key) + " = " + Value(p.Value))) + " }";
                    default: throw new ArgumentException($"A spec cannot hold a {value.GetType().Name}.");
                }
            }

            /// <summary>PowerShell ends a single-quoted text at any of its four single quotes; each is doubled.</summary>
            private static string Quote(string text)
            {
                var quoted = new StringBuilder("'");
                foreach (var c in text) quoted.Append(c).Append(c == '\'' || (c >= '\u2018' && c <= '\u201B') ? c.ToString() : string.Empty);
                return quoted.Append('\'').ToString();
            }
        }
    }
}
