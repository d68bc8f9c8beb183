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

        /// <summary>A program stopped for overrunning its time, wherever it ran.</summary>
        public static System.TimeoutException TimedOut(string file, System.Collections.Generic.IEnumerable<string> arguments,
            string hostName, System.TimeSpan timeout) =>
            new System.TimeoutException(
                $"'{file} {string.Join(" ", arguments)}' on {hostName} did not finish within {timeout.TotalSeconds:0} s and was stopped.");

        /// <summary>A program that could not be started, with what to check: a path, or an installation.</summary>
        public static System.IO.FileNotFoundException CannotRun(string file, string hostName, string why, System.Exception inner = null)
        {
            var advice = file.Contains("/") || file.Contains("\\")
                ? "Check that the file exists and is executable (chmod +x)"
                : "Install it, or give its full path";
            return new System.IO.FileNotFoundException($"Cannot run '{file}' on {hostName}: {(why.Length == 0 ? "not found" : why)}. " +
                $"{advice}.", file, inner);
        }
    }
}
