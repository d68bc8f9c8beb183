using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Takes nodes that crossed a process boundary (Import-Clixml, a job, a child runbook's output,
    /// a CSV or JSON record with Home and ComputerName) as nodes: each is read again from its Home
    /// on its ComputerName, this machine's directly and another's through the session open to it here.
    /// </summary>
    public sealed class NodeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            switch (inputData)
            {
                case PSObject wrapped when wrapped.BaseObject is IsNode node: return node;
                case PSObject record when record.Properties["Home"] != null: return Rebuild(record);
                case IEnumerable many when !(inputData is string):
                    return many.Cast<object>().Select(item => Transform(engineIntrinsics, item)).ToArray();
                default: return inputData;
            }
        }

        private static IsNode Rebuild(PSObject node)
        {
            var home = node.Properties["Home"]?.Value as string;
            var computer = node.Properties["ComputerName"]?.Value as string ?? LocalHost.Instance.Name;
            var name = node.Properties["Name"]?.Value as string ?? home;
            if (string.IsNullOrEmpty(home))
                throw new ArgumentTransformationMetadataException($"The node '{name}' has no Home, so it cannot be found again. Read it " +
                    "with Get-IsClusterNode -Path <its IS home>.");
            IHost host = computer == LocalHost.Instance.Name ? LocalHost.Instance
                : SshSessions.Current.FirstOrDefault(s => s.ComputerName == computer && s.State == "Opened")?.Host;
            if (host == null)
                throw new ArgumentTransformationMetadataException($"The node '{name}' on {computer} came deserialized (Import-Clixml, a job, " +
                    $"a child runbook), and no SSH session to {computer} is open here. Open one first (New-IsSshSession), or read the " +
                    $"node with Get-IsClusterNode -Path '{home}' -Session $session.");
            return IsNode.From(NodeReader.Read(host, home, role: null, name: null));
        }
    }
}
