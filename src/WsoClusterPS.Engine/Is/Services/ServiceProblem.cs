namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>Why a node's service could not be installed, removed or driven.</summary>
    public enum ServiceProblem
    {
        /// <summary>The unit file exists and WsoClusterPS did not write it for this node: the admin's, a package's, another node's.</summary>
        ForeignUnit,

        /// <summary>The node runs under the unit that would be removed.</summary>
        NodeRuns,

        /// <summary>systemctl refused or failed (no systemd on the host, a unit systemd rejects).</summary>
        SystemctlFailed,

        /// <summary>No Java to name as JAVA_HOME: none given and none on the host's PATH.</summary>
        NoJava,

        /// <summary>A value systemd cannot hold in a unit file, or a unit name it would refuse.</summary>
        InvalidSetting,
    }
}
