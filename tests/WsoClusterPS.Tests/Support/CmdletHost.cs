using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace WsoClusterPS.Tests.Support;

/// <summary>A PowerShell runspace in this process with the module's cmdlets, working in a folder.</summary>
public sealed class CmdletHost : IDisposable
{
    /// <summary>Every cmdlet of the module, as the manifest exports them.</summary>
    private static readonly (string Name, Type Type)[] Cmdlets = typeof(IsNode).Assembly.GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault()))
        .Where(c => c.Attribute != null)
        .Select(c => (c.Attribute.VerbName + "-" + c.Attribute.NounName, c.Type))
        .ToArray();

    private readonly Runspace _runspace;
    private readonly RecordingHost _console = new();

    public CmdletHost(string workingFolder)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var (name, type) in Cmdlets) state.Commands.Add(new SessionStateCmdletEntry(name, type, helpFileName: null));
        _runspace = RunspaceFactory.CreateRunspace(_console, state);
        _runspace.Open();
        Run($"Set-Location -LiteralPath '{workingFolder}'");
    }

    /// <summary>Runs a script; a statement-terminating error (ThrowTerminatingError) lands in Errors, as in a console.</summary>
    public Result Run(string script, IDictionary<string, object> variables = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object>()) _runspace.SessionStateProxy.SetVariable(name, value);
        _console.Clear();
        var output = shell.AddScript(script).Invoke();
        return new Result(output.ToList(), shell.Streams.Error.ToList(),
                          shell.Streams.Warning.Select(w => w.Message).ToList(),
                          shell.Streams.Verbose.Select(v => v.Message).ToList(),
                          _console.Lines,
                          _console.Progress);
    }

    /// <summary>Runs a script and stops it once <paramref name="ready"/> returns, as Ctrl+C would; returns how long the stop took to take.</summary>
    public TimeSpan StopWhen(string script, Action ready, IDictionary<string, object> variables = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object>()) _runspace.SessionStateProxy.SetVariable(name, value);
        var running = shell.AddScript(script).BeginInvoke();
        ready();
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        shell.Stop();
        running.AsyncWaitHandle.WaitOne();
        return stopping.Elapsed;
    }

    /// <summary>Sets $nodes to a manager and a worker (offset 1) made from a new stand-in pack in the working folder.</summary>
    public void MakeManagerAndWorker(string packFolder) =>
        Run("$nodes = @(New-IsClusterNode $pack ./manager -Role Manager -ClusterHost 10.0.0.4; New-IsClusterNode $pack ./worker -Offset 1 -ClusterHost 10.0.0.4)",
            new Dictionary<string, object> { ["pack"] = StandInPack.Make(packFolder) });

    public void Dispose() => _runspace.Dispose();

    /// <param name="Console">What a console would have shown: the host's lines, "What if:" among them.</param>
    /// <param name="Progress">Each progress status, in order: what PowerShell 7's Minimal view shows.</param>
    public sealed record Result(IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Warnings,
        IReadOnlyList<string> Verbose, IReadOnlyList<string> Console, IReadOnlyList<string> Progress)
    {
        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();
    }
}
