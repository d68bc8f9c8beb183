using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A PowerShell host that keeps every line written to it, so tests see what a console would show:
/// the "What if:" text of -WhatIf goes to the host, not to any stream. It never prompts.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUi _ui = new();

    public IReadOnlyList<string> Lines => _ui.Lines;

    /// <summary>The status of each progress record shown, in order: what PowerShell 7's Minimal view prints.</summary>
    public IReadOnlyList<string> Progress => _ui.Progress;

    public override string Name => "WsoClusterPS.Tests";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public void Clear() => _ui.Clear();

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class RecordingUi : PSHostUserInterface
    {
        private readonly List<string> _lines = [];
        private readonly List<string> _progress = [];
        private readonly System.Text.StringBuilder _partial = new();

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public IReadOnlyList<string> Progress
        {
            get { lock (_lines) return [.. _progress]; }
        }

        public void Clear()
        {
            lock (_lines) { _lines.Clear(); _partial.Clear(); _progress.Clear(); }
        }

        public override PSHostRawUserInterface RawUI => null;

        public override void Write(string value)
        {
            lock (_lines) _partial.Append(value);
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value)
        {
            lock (_lines)
            {
                _lines.Add(_partial + value);
                _partial.Clear();
            }
        }

        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            if (record.RecordType == ProgressRecordType.Completed) return;
            lock (_lines) _progress.Add(record.StatusDescription);
        }

        public override string ReadLine() => throw Unattended();
        public override SecureString ReadLineAsSecureString() => throw Unattended();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw Unattended();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Unattended();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Unattended();

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices,
            int defaultChoice) => throw Unattended();

        private static InvalidOperationException Unattended() => new("The test host never answers a prompt: the cmdlet asked for input.");
    }
}
