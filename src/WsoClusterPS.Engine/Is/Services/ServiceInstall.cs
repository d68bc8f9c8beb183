using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>A node's unit as planned: the file's edit and what else the host lacks.</summary>
    public sealed class ServiceInstall
    {
        public ServiceInstall(NodeRecord node, string name, string path, FileEdit unit, bool enable, bool record, bool secureVault)
        {
            Node = node;
            Name = name;
            Path = path;
            Unit = unit;
            Enable = enable;
            Record = record;
            SecureVault = secureVault;
        }

        public NodeRecord Node { get; }
        public string Name { get; }
        public string Path { get; }

        /// <summary>The unit file's edit (on the host's privileged view); unchanged when it is as wanted.</summary>
        public FileEdit Unit { get; }

        /// <summary>The unit is not enabled yet.</summary>
        public bool Enable { get; }

        /// <summary>The node's home does not record the unit yet.</summary>
        public bool Record { get; }

        /// <summary>The node uses Secure Vault: its unit starts only with a password-tmp waiting.</summary>
        public bool SecureVault { get; }

        public bool Changed => Unit.Changed || Enable || Record;
    }
}
