using System;
using System.Linq;
using System.Net;
using WsoClusterPS.Engine.Validation;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>
    /// Step 1.4's hosts-file line: the cluster hostname resolving to the load balancer. The line
    /// is added once, moved to the new address when it changes, and every other line is kept.
    /// </summary>
    public static class HostsFile
    {
        public static string WithEntry(string text, string hostname, string address)
        {
            if (!Shapes.HostName.Matches(hostname))
                throw new ArgumentException($"'{hostname}' is not a host name (letters, digits, dots and hyphens). Nothing was changed.");
            if (!IPAddress.TryParse(address ?? string.Empty, out _))
                throw new ArgumentException($"'{address}' is not an IP address. Give the load balancer's address; nothing was changed.");

            var newLine = text.Contains("\r\n") ? "\r\n" : "\n";
            var lines = text.Split('\n').ToList();
            var trailingNewLine = text.EndsWith("\n", StringComparison.Ordinal);
            if (trailingNewLine) lines.RemoveAt(lines.Count - 1);

            var insertAt = -1;
            var present = false;
            for (var i = 0; i < lines.Count; i++)
            {
                var body = lines[i].TrimEnd('\r');
                var hash = body.IndexOf('#');
                var fields = (hash < 0 ? body : body.Substring(0, hash)).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !fields.Skip(1).Contains(hostname, StringComparer.OrdinalIgnoreCase)) continue;
                if (fields[0] == address) { present = true; continue; }
                // The name moves: out of this line (the line goes when it named nothing else).
                if (insertAt < 0) insertAt = i;
                var others = fields.Skip(1).Where(f => !string.Equals(f, hostname, StringComparison.OrdinalIgnoreCase)).ToList();
                lines[i] = others.Count == 0 ? null : fields[0] + "\t" + string.Join(" ", others) + (hash < 0
                    ? string.Empty : " " + body.Substring(hash)) + (lines[i].EndsWith("\r") ? "\r" : string.Empty);
            }
            if (!present)
            {
                var entry = address + "\t" + hostname + (newLine == "\r\n" ? "\r" : string.Empty);
                if (insertAt >= 0) lines.Insert(insertAt, entry); else lines.Add(entry);
            }
            var kept = lines.Where(l => l != null).ToList();
            return string.Join("\n", kept) + (trailingNewLine || !present ? "\n" : string.Empty);
        }
    }
}
