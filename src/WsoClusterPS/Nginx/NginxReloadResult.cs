using System.Collections.Generic;
using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS
{
    /// <summary>What Invoke-NginxReload did.</summary>
    public sealed class NginxReloadResult
    {
        internal NginxReloadResult(string computerName, NginxReloadReport report, IReadOnlyList<NginxSite> sites)
        {
            ComputerName = computerName;
            Tested = report.Tested;
            Reloaded = report.Reloaded;
            RolledBack = report.RolledBack;
            Output = report.Output;
            Sites = sites;
        }

        public string ComputerName { get; }

        /// <summary><c>nginx -t</c> passed.</summary>
        public bool Tested { get; }

        /// <summary>NGINX runs the new configuration.</summary>
        public bool Reloaded { get; }

        /// <summary>The sites' previous files were put back.</summary>
        public bool RolledBack { get; }

        /// <summary>What NGINX printed.</summary>
        public string Output { get; }

        public IReadOnlyList<NginxSite> Sites { get; }
    }
}
