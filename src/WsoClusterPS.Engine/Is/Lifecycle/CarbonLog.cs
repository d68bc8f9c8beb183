using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>
    /// Reads Carbon's log lines, in the file layout
    /// (<c>TID: [-1234] [] [2024-05-02 10:11:12,345] [] INFO {logger} - message</c>), the console
    /// layout (the same without the TID and app parts) and the older log4j 1.x layouts, for both logger families:
    /// <c>org.wso2.carbon.core.clustering.hazelcast.*</c> (IS up to 6.1) and
    /// <c>org.wso2.carbon.hazelcast.*</c> (7.x). Anything else, stack traces included, is skipped.
    /// </summary>
    public static class CarbonLog
    {
        /// <summary>Fixed strings that every line the parser uses contains: what grep looks for.</summary>
        public static readonly IReadOnlyList<string> Markers = new[]
        {
            "Local member: [", "as the Coordinator node", "Member joined [", "Member left [", "WSO2 Carbon started " +
                "in", "Shutdown hook triggered", "Halting JVM",
        };

        /// <summary>The kinds of event that are the cluster's membership: who joined, who left, who leads.</summary>
        public static readonly IReadOnlyList<CarbonEventKind> Membership = new[]
        {
            CarbonEventKind.Elected, CarbonEventKind.MemberJoined, CarbonEventKind.MemberLeft,
        };

        /// <summary>
        /// Every layout since Carbon 4.4: file and console, with or without <c>TID: [..] [..]</c>, with or
        /// without the correlation-id bracket (log4j2, Carbon 4.5 and later), and log4j 1.x's
        /// <c>%P%5p {%c} - %x %m</c>, which leaves two spaces before the level and after the dash.
        /// </summary>
        private static readonly Regex Line = new Regex(
            @"\A(?:TID: \[[^\]]*\] \[[^\]]*\] )?\[(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\](?: \[[^\]]*\])?\s+" +
                @"(?<level>[A-Z]+)\s+\{(?<logger>[^}]+)\} -\s*(?<message>.*?)\r?\z",
            RegexOptions.CultureInvariant);

        private static readonly Regex LocalMember = new Regex(@"^Local member: \[(?<id>[^\]]+)\] - Host:(?<host>[^,]+), Remote H" +
            @"ost:[^,]*, Port: (?<port>\d+)", RegexOptions.CultureInvariant);
        private static readonly Regex Elected = new Regex(@"^Elected this member \[(?<id>[^\]]+)\] as the Coordinator node",
            RegexOptions.CultureInvariant);
        private static readonly Regex Joined = new Regex(@"^Member joined \[(?<id>[^\]]+)\]: /(?<address>\S+)",
            RegexOptions.CultureInvariant);
        private static readonly Regex Left = new Regex(@"^Member left \[(?<id>[^\]]+)\]: /(?<address>\S+)", RegexOptions.CultureInvariant);

        /// <summary>Hazelcast's member list, printed after each membership change on a line of its own (its log line
        /// ends in two line breaks).</summary>
        private static readonly Regex MemberList = new Regex(@"\AMembers \{size:(?<size>\d+), ver:\d+\} \[\r?\z",
            RegexOptions.CultureInvariant);

        /// <summary>The sizes of the member lists Hazelcast printed in <paramref name="lines"/>, in order.</summary>
        public static IEnumerable<int> MemberListSizes(IEnumerable<string> lines) => lines.Select(l => MemberList.Match(l))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups["size"].Value, CultureInfo.InvariantCulture));

        /// <summary>One log line's parts, in any layout <see cref="Line"/> reads; false for a line of a stack trace or a
        /// message's continuation.</summary>
        public static bool TryParse(string raw, out DateTime time, out string level, out string logger, out string message)
        {
            var line = Line.Match(raw);
            time = line.Success
                ? DateTime.ParseExact(line.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)
                : default(DateTime);
            level = line.Groups["level"].Value;
            logger = line.Groups["logger"].Value;
            message = line.Groups["message"].Value;
            return line.Success;
        }

        public static IEnumerable<CarbonEvent> Parse(IEnumerable<string> lines)
        {
            foreach (var raw in lines)
            {
                if (!TryParse(raw, out var time, out _, out var logger, out var message)) continue;
                var text = raw.TrimEnd('\r');
                if (IsClustering(logger))
                {
                    Match m;
                    if ((m = LocalMember.Match(message)).Success)
                        yield return new CarbonEvent(time, CarbonEventKind.LocalMember, m.Groups["id"].Value,
                            m.Groups["host"].Value + ":" + m.Groups["port"].Value, text);
                    else if ((m = Elected.Match(message)).Success)
                        yield return new CarbonEvent(time, CarbonEventKind.Elected, m.Groups["id"].Value, null, text);
                    else if ((m = Joined.Match(message)).Success)
                        yield return new CarbonEvent(time, CarbonEventKind.MemberJoined, m.Groups["id"].Value, m.Groups["address"].Value,
                            text);
                    else if ((m = Left.Match(message)).Success)
                        yield return new CarbonEvent(time, CarbonEventKind.MemberLeft, m.Groups["id"].Value, m.Groups["address"].Value,
                            text);
                }
                else if (message.StartsWith("WSO2 Carbon started in", StringComparison.Ordinal))
                    yield return new CarbonEvent(time, CarbonEventKind.Started, null, null, text);
                else if (logger.EndsWith("CarbonServerManager", StringComparison.Ordinal) &&
                         (message.StartsWith("Shutdown hook triggered", StringComparison.Ordinal) || message.StartsWith("Halting JVM",
                             StringComparison.Ordinal)))
                    yield return new CarbonEvent(time, CarbonEventKind.ShuttingDown, null, null, text);
            }
        }

        private static bool IsClustering(string logger) =>
            logger.StartsWith("org.wso2.carbon.hazelcast.", StringComparison.Ordinal) ||
            logger.StartsWith("org.wso2.carbon.core.clustering.hazelcast.", StringComparison.Ordinal);

        /// <summary>
        /// The log files of a node, oldest first: rotated <c>wso2carbon-MM-dd-yyyy.N.log</c> (or
        /// <c>-N</c>) by date and number, then the live <c>wso2carbon.log</c>.
        /// </summary>
        public static IReadOnlyList<string> InOrder(IEnumerable<string> fileNames)
        {
            var rotated = new Regex(@"^wso2carbon-(?<date>\d\d-\d\d-\d{4})(?:[.-](?<n>\d+))?\.log$", RegexOptions.CultureInvariant);
            var names = fileNames.ToList();
            var ordered = names.Select(n => (Name: n, Match: rotated.Match(n)))
                .Where(x => x.Match.Success)
                .OrderBy(x => DateTime.ParseExact(x.Match.Groups["date"].Value, "MM-dd-yyyy", CultureInfo.InvariantCulture))
                .ThenBy(x => x.Match.Groups["n"].Success ? int.Parse(x.Match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0)
                .Select(x => x.Name)
                .ToList();
            if (names.Contains("wso2carbon.log")) ordered.Add("wso2carbon.log");
            return ordered;
        }
    }
}
