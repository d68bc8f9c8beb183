using System.Collections;
using System.Linq;
using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Takes nodes that crossed a process boundary (Import-Clixml, a job, a child runbook's output,
    /// a CSV or JSON record with Home and ComputerName) as nodes: each is read again from its Home
    /// on its ComputerName, this machine's directly (a relative Home from the PowerShell location,
    /// as Get-IsClusterNode resolves it) and another's through the session open to it here.
    /// </summary>
    public sealed class NodeTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>
        /// An input that is no node becomes a node that carries why, instead of a binding error the
        /// cmdlet never sees: a cmdlet that edits the whole cluster must know that one input failed.
        /// </summary>
        public bool KeepFailures { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            switch (inputData)
            {
                case IsNode node: return node;
                case PSObject wrapped when wrapped.BaseObject is IsNode node: return node;
                case PSObject record when record.Properties["Home"] != null: return Kept(() => Rebuild(engineIntrinsics, record));
                case IEnumerable many when !(inputData is string):
                    return many.Cast<object>().Select(item => Transform(engineIntrinsics, item)).ToArray();
                case PSObject wrapped when wrapped.BaseObject is IEnumerable && !(wrapped.BaseObject is string):
                    return Transform(engineIntrinsics, wrapped.BaseObject);
                default:
                    return KeepFailures ? IsNode.Unbound(NotANode(inputData)) : inputData;
            }
        }

        private object Kept(Func<IsNode> rebuild)
        {
            try
            {
                return rebuild();
            }
            catch (Exception error) when (KeepFailures && !(error is PipelineStoppedException))
            {
                return IsNode.Unbound(error);
            }
        }

        private static ArgumentException NotANode(object input)
        {
            var shown = input == null ? "$null" : $"'{input}' (a {(input is PSObject p ? p.BaseObject : input).GetType().Name})";
            return new ArgumentException($"{shown} is not a node. Give the nodes New-IsClusterNode or Get-IsClusterNode emit, or " +
                "records with Home and ComputerName (Import-Csv, ConvertFrom-Json).");
        }

        private static IsNode Rebuild(EngineIntrinsics engine, PSObject node)
        {
            var home = node.Properties["Home"]?.Value as string;
            var computer = node.Properties["ComputerName"]?.Value as string ?? LocalHost.Instance.Name;
            var name = node.Properties["Name"]?.Value as string ?? home;
            if (string.IsNullOrEmpty(home))
                throw new ArgumentTransformationMetadataException($"The node '{name}' has no Home, so it cannot be found again. Read it " +
                    "with Get-IsClusterNode -Path <its IS home>.");
            if (computer == LocalHost.Instance.Name)
                return IsNode.From(NodeReader.Read(LocalHost.Instance, engine.SessionState.Path.GetUnresolvedProviderPathFromPSPath(home),
                    role: null, name: null));
            var host = SshSessions.Current.FirstOrDefault(s => s.ComputerName == computer && s.State == "Opened")?.Host;
            if (host == null)
                throw new ArgumentTransformationMetadataException($"The node '{name}' on {computer} came deserialized (Import-Clixml, a job, " +
                    $"a child runbook), and no SSH session to {computer} is open here. Open one first (New-IsSshSession), or read the " +
                    $"node with Get-IsClusterNode -Path '{home}' -Session $session.");
            return IsNode.From(NodeReader.Read(host, home, role: null, name: null));
        }
    }
}
