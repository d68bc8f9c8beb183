namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>What Stop did and what the script printed.</summary>
    public sealed class NodeStop
    {
        public NodeStop(NodeStopOutcome outcome, string scriptOutput, bool removedLeftoverPassword = false)
        {
            RemovedLeftoverPassword = removedLeftoverPassword;
            Outcome = outcome;
            ScriptOutput = scriptOutput;
        }

        public NodeStopOutcome Outcome { get; }
        public string ScriptOutput { get; }

        /// <summary>A password-tmp left by a killed start was found and removed.</summary>
        public bool RemovedLeftoverPassword { get; }
    }
}
