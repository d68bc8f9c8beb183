using System;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>What an admin chooses for a node's unit; the rest (owner, paths) comes from the node.</summary>
    public sealed class UnitSettings
    {
        /// <summary>The unit's name, ending in .service; null for wso2is-&lt;node name&gt;.service.</summary>
        public string Name { get; set; }

        /// <summary>JAVA_HOME for the server; null for the Java on the host's PATH.</summary>
        public string JavaHome { get; set; }

        /// <summary>JVM_MEM_OPTS, which wso2server.sh uses instead of its -Xms256m -Xmx1024m; null keeps the script's.</summary>
        public string MemoryOptions { get; set; }

        /// <summary>LimitNOFILE: WSO2's production guide raises the open-file limit well past the usual 1024.</summary>
        public int OpenFiles { get; set; } = 65535;

        /// <summary>TimeoutStopSec: how long systemd lets Carbon's graceful shutdown run before it kills the JVM.</summary>
        public TimeSpan StopTimeout { get; set; } = TimeSpan.FromMinutes(3);
    }
}
