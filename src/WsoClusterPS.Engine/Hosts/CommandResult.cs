namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>What a command printed and how it ended.</summary>
    public sealed class CommandResult
    {
        public CommandResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }
        public string Output { get; }
        public string Error { get; }
        public bool Succeeded => ExitCode == 0;

        /// <summary>Both streams, for messages: nginx, for one, prints its test verdict on stderr.</summary>
        public string Combined => (Output + "\n" + Error).Trim();
    }
}
