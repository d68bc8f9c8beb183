namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A shell command for stop and cancel tests: once running it records its process id, then
/// sleeps for ten minutes. Tests act when the id appears (not after a guessed delay) and then
/// watch that very process end, so a busy machine slows them down but never fails them.
/// </summary>
public sealed class LongRunningScript(string folder)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private string PidFile => Path.Combine(folder, "long-running.pid");

    /// <summary>sh's arguments; <c>exec</c> makes the recorded id the sleeping process itself.</summary>
    public string[] Arguments =>
        ["-c", $"echo $$ > '{PidFile}.tmp' && mv '{PidFile}.tmp' '{PidFile}' && exec sleep 600"];

    public bool Started => File.Exists(PidFile);

    /// <summary>Blocks until the script runs, and gives its process id.</summary>
    public int WaitUntilStarted()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Started)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The script did not start within {Patience.TotalSeconds} s.");
            Thread.Sleep(20);
        }
        return int.Parse(File.ReadAllText(PidFile).Trim());
    }

    /// <summary>Whether the recorded process ended (a zombie waiting for its parent counts as ended).</summary>
    public bool Ended()
    {
        var pid = int.Parse(File.ReadAllText(PidFile).Trim());
        var deadline = DateTime.UtcNow + Patience;
        while (Alive(pid))
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
