using System;
using System.Net;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>How a planner reaches the world a spec names: each machine by its ComputerName, and each credential by its
    /// name, resolved by the caller (sessions, SecretManagement, Automation).</summary>
    public sealed class PlanContext
    {
        public PlanContext(Func<string, IHost> host, Func<string, NetworkCredential> credential, bool removeFiles)
        {
            Host = host;
            Credential = credential;
            RemoveFiles = removeFiles;
        }

        /// <summary>The machine of a ComputerName (null: this one); throws when no session reaches it.</summary>
        public Func<string, IHost> Host { get; }

        /// <summary>The credential of a name; throws when nothing resolves it.</summary>
        public Func<string, NetworkCredential> Credential { get; }

        /// <summary>A node left out of the spec loses its files too, once stopped.</summary>
        public bool RemoveFiles { get; }
    }
}
