using System.Collections.Generic;
using WsoClusterPS.Engine.Files;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>The planned NGINX files: the shared WebSocket map and one vhost per scheme; nothing written yet.</summary>
    public sealed class NginxFiles
    {
        public NginxFiles(FileEdit upgradeMap, IReadOnlyList<(FileEdit Edit, NginxVhost Vhost)> sites)
        {
            UpgradeMap = upgradeMap;
            Sites = sites;
        }

        public FileEdit UpgradeMap { get; }
        public IReadOnlyList<(FileEdit Edit, NginxVhost Vhost)> Sites { get; }
    }
}
