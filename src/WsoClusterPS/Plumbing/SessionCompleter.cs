using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Tab completion from the sessions open in this runspace: -Id completes to their ids, -Session
    /// to <c>(Get-IsSshSession -Id n)</c>; the tooltip says where each one goes.
    /// </summary>
    public sealed class SessionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = wordToComplete.Trim('\'', '"');
            foreach (var session in SshSessions.Current)
            {
                var text = parameterName == "Session" ? $"(Get-IsSshSession -Id {session.Id})" : session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (typed.Length > 0 && !text.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase) &&
                    session.ComputerName.IndexOf(typed, System.StringComparison.OrdinalIgnoreCase) < 0) continue;
                yield return new CompletionResult(text, $"{session.Id}: {session}", CompletionResultType.ParameterValue,
                    $"{session} ({session.State}, {session.HostKeyFingerprint})");
            }
        }
    }
}
