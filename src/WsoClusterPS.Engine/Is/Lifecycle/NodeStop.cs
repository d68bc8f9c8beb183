namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>What Stop did and what the script printed.</summary>
    public sealed class NodeStop
    {
        public NodeStop(NodeStopOutcome outcome, string scriptOutput, bool removedLeftoverPassword = false, string service = null)
        {
            Service = service;
            RemovedLeftoverPassword = removedLeftoverPassword;
            Outcome = outcome;
            ScriptOutput = scriptOutput;
        }

        public NodeStopOutcome Outcome { get; }
        public string ScriptOutput { get; }

        /// <summary>A password-tmp left by a killed start was found and removed.</summary>
        public bool RemovedLeftoverPassword { get; }

        /// <summary>The systemd unit systemctl drove, or null where bin/wso2server.sh ran.</summary>
        public string Service { get; }
    }
}
