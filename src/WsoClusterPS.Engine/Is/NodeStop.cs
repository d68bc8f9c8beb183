namespace WsoClusterPS.Engine.Is
{
    /// <summary>What Stop did and what the script printed.</summary>
    public sealed class NodeStop
    {
        public NodeStop(NodeStopOutcome outcome, string scriptOutput)
        {
            Outcome = outcome;
            ScriptOutput = scriptOutput;
        }

        public NodeStopOutcome Outcome { get; }
        public string ScriptOutput { get; }
    }
}
