namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>What Start did, with the process id where known and what the script printed.</summary>
    public sealed class NodeStart
    {
        public NodeStart(NodeStartOutcome outcome, int? pid, string scriptOutput, bool removedLeftoverPassword = false, string service = null)
        {
            Service = service;
            RemovedLeftoverPassword = removedLeftoverPassword;
            Outcome = outcome;
            Pid = pid;
            ScriptOutput = scriptOutput;
        }

        public NodeStartOutcome Outcome { get; }
        public int? Pid { get; }
        public string ScriptOutput { get; }

        /// <summary>A password-tmp left by a killed start was found and removed first.</summary>
        public bool RemovedLeftoverPassword { get; }

        /// <summary>The systemd unit systemctl drove, or null where bin/wso2server.sh ran.</summary>
        public string Service { get; }
    }
}
