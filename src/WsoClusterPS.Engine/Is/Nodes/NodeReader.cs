using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>Reads an existing node back from its deployment.toml and the module's marker file.</summary>
    public static class NodeReader
    {
        private static readonly Regex Reference = new Regex(@"^\$ref\{([^}]+)\}$", RegexOptions.CultureInvariant);

        /// <param name="role">Overrides the recorded role; null keeps it (Worker when none is recorded).</param>
        /// <param name="name">Overrides the recorded name; null keeps it (the folder name when none is recorded).</param>
        public static NodeRecord Read(IHost host, string home, NodeRole? role, string name)
        {
            var tomlPath = IsLayout.DeploymentToml(host, home);
            if (!host.FileExists(tomlPath))
                throw host.DirectoryExists(tomlPath)
                    ? new InvalidDataException($"'{tomlPath}' on {host.Name} is a folder, not a file: IS reads its settings from that " +
                        "file. Put the node's deployment.toml there (the pack has one), then run again.")
                    : (Exception)new FileNotFoundException($"'{home}' is not a WSO2 IS home: it has no repository/conf/deployment.toml. " +
                        "Give the folder New-IsClusterNode made.", tomlPath);
            var toml = TomlEditor.Read(host, tomlPath);
            var markerPath = IsLayout.NodeMarker(host, home);
            var marker = host.FileExists(markerPath) ? NodeMarker.Parse(Encoding.UTF8.GetString(host.ReadAllBytes(markerPath))) : null;
            string Recorded(string key) => marker != null && marker.TryGetValue(key, out var value) ? value : null;

            var offset = Number(toml, tomlPath, "server", "offset") ?? 0;
            var clusterHost = Resolve(toml, toml.Get(DeploymentKeys.LocalMemberHost) as string)
                              ?? Recorded("cluster_host")
                              ?? Resolve(toml, "$ref{server.node_ip}")
                              ?? "127.0.0.1";
            var clusterPort = Number(toml, tomlPath, "clustering", "local_member_port")
                              ?? (int.TryParse(Recorded("cluster_port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                                  ? port : IsPorts.StockCluster);
            return new NodeRecord(host, home,
                name ?? Recorded("name") ?? host.SplitPath(home).Leaf,
                role ?? RecordedRole(home, Recorded("role")),
                offset, clusterHost, clusterPort,
                toml.Get(DeploymentKeys.Hostname) as string);
        }

        /// <summary>
        /// The node as its files say now; the name and role, which no IS file holds, stay as the
        /// caller knew them (given to Get-IsClusterNode, or recorded by New-IsClusterNode).
        /// </summary>
        public static NodeRecord Reread(NodeRecord node) => Read(node.Host, node.Home, node.Role, node.Name);

        private static NodeRole RecordedRole(string home, string recorded)
        {
            if (recorded == null) return NodeRole.Worker;
            if (Enum.TryParse(recorded, ignoreCase: true, out NodeRole role)) return role;
            throw new InvalidDataException(
                $"The node at '{home}' records the role '{recorded}', which is neither Manager nor Worker. Give -Role to say which it is.");
        }

        /// <summary>Follows one <c>$ref{table.key}</c>, the way WSO2 fills <c>local_member_host</c> from <c>server.node_ip</c>.</summary>
        private static string Resolve(TomlEditor toml, string value)
        {
            if (value == null) return null;
            var match = Reference.Match(value);
            if (!match.Success) return value;
            var path = match.Groups[1].Value;
            var dot = path.LastIndexOf('.');
            return dot < 0 ? null : toml.Get(path.Substring(0, dot), path.Substring(dot + 1)) as string;
        }

        private static int? Number(TomlEditor toml, string path, string table, string key)
        {
            var value = toml.Get(table, key);
            if (value == null) return null;
            if (value is long whole) return (int)whole;
            if (value is string text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var parsed)) return parsed;
            throw new TomlEditException(path, 0, 0, $"[{table}] {key} is '{value}', not a whole number. Set it to a number (for example " +
                $"{key} = \"1\")");
        }
    }
}
