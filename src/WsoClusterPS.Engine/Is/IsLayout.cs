using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Is
{
    /// <summary>Where things live inside an IS home (IS_HOME), on any host.</summary>
    public static class IsLayout
    {
        public static string DeploymentToml(IHost host, string home) => host.Combine(home, "repository", "conf", "deployment.toml");

        /// <summary>The module's note of a node's name, role and cluster address. WSO2 IS ignores it.</summary>
        public static string NodeMarker(IHost host, string home) => host.Combine(home, ".wsoclusterps-node");
    }
}
