using System.Linq;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>Where things live inside an IS home (IS_HOME), on any host: every path the module knows.</summary>
    public static class IsLayout
    {
        /// <summary>deployment.toml below IS_HOME with '/' separators, as zip entry names spell it.</summary>
        public const string DeploymentTomlEntry = "repository/conf/deployment.toml";

        /// <summary>WSO2's health API, on a node's HTTPS port and through the balancer.</summary>
        public const string HealthPath = "/api/health-check/v1.0/health";

        public static string DeploymentToml(IHost host, string home) => Below(host, home, DeploymentTomlEntry);

        /// <summary>The module's note of a node's name, role and cluster address. WSO2 IS ignores it.</summary>
        public static string NodeMarker(IHost host, string home) => host.Combine(home, ".wsoclusterps-node");

        /// <summary>The start and stop script (WSO2's daemon mode).</summary>
        public static string ServerScript(IHost host, string home) => host.Combine(home, "bin", "wso2server.sh");

        /// <summary>The process id wso2server.sh start records.</summary>
        public static string PidFile(IHost host, string home) => host.Combine(home, "wso2carbon.pid");

        public static string LogFolder(IHost host, string home) => host.Combine(home, "repository", "logs");
        public static string CurrentLog(IHost host, string home) => host.Combine(LogFolder(host, home), "wso2carbon.log");

        /// <summary>Where JDBC drivers go: on every node's classpath.</summary>
        public static string LibFolder(IHost host, string home) => host.Combine(home, "repository", "components", "lib");

        /// <summary>The product and version as the pack records it ("WSO2 Identity Server v7.1.0").</summary>
        public static string VersionFile(IHost host, string home) => host.Combine(home, "bin", "version.txt");

        /// <summary>Where WSO2 Updates records a node's update level.</summary>
        public static string UpdatesFolder(IHost host, string home) => host.Combine(home, "updates");

        /// <summary>Secondary user stores, one XML file each, deployed on every node alike.</summary>
        public static string UserStoresFolder(IHost host, string home) => host.Combine(home, "repository", "deployment", "server",
            "userstores");

        /// <summary>Where a bare keystore file name lives.</summary>
        public static string SecurityFolder(IHost host, string home) => host.Combine(home, "repository", "resources", "security");

        /// <summary>Secure Vault's configuration: without it the server resolves $secret{x} to the text "x".</summary>
        public static string SecretConf(IHost host, string home) => host.Combine(home, "repository", "conf", "security",
            "secret-conf.properties");

        /// <summary>The keystore password Carbon reads at start-up and deletes.</summary>
        public static string PasswordTmp(IHost host, string home) => host.Combine(home, "password-tmp");

        public static string DbScripts(IHost host, string home) => host.Combine(home, "dbscripts");

        /// <summary>A script below dbscripts/, named as WSO2's docs name it ("identity/mysql.sql").</summary>
        public static string DbScript(IHost host, string home, string relative) => Below(host, DbScripts(host, home), relative);

        private static string Below(IHost host, string folder, string relative) =>
            host.Combine(new[] { folder }.Concat(relative.Split('/')).ToArray());
    }
}
