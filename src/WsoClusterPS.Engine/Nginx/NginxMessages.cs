using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>The lines of NGINX output that say what went wrong, in NGINX's own words.</summary>
    public static class NginxMessages
    {
        // "2026/11/27 03:19:30 [emerg] 15012#15012: cannot load ...", as NGINX logs it.
        private static readonly Regex LogPrefix = new Regex(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (\[\w+\]) \d+#\d+: (?:\*\d+ )?",
            RegexOptions.CultureInvariant);

        public static string Quote(string output)
        {
            var lines = (output ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var problems = lines.Where(l => l.Contains("[emerg]") || l.Contains("[alert]") || l.Contains("[crit]") || l.Contains("[error]"))
                                .Select(l => LogPrefix.Replace(l, "$1 "))
                                .Distinct()
                                .ToList();
            return problems.Count > 0 ? string.Join(" ", problems) : string.Join(" ", lines);
        }
    }
}
