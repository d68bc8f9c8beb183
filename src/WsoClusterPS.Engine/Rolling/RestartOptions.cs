using System;

namespace WsoClusterPS.Engine.Rolling
{
    /// <summary>How the nodes are restarted, apart from which.</summary>
    public sealed class RestartOptions
    {
        public TimeSpan DrainBound { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long each node may take to stop, and to come back ready.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        public string JavaHome { get; set; }

        /// <summary>For Secure Vault: handed to each start through password-tmp.</summary>
        public string KeystorePassword { get; set; }
    }
}
