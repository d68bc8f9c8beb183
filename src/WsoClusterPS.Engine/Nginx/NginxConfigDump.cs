using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// Where a running NGINX keeps its pid file and error log, read from <c>nginx -T</c> (the
    /// configuration in force) with <c>nginx -V</c>'s compiled defaults for what it does not set.
    /// </summary>
    public sealed class NginxConfigDump
    {
        private static readonly Regex FileHeader = new Regex(@"^# configuration file (.+):$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex Option = new Regex(@"--(prefix|error-log-path|pid-path)=(\S+)", RegexOptions.CultureInvariant);

        private NginxConfigDump(string pidPath, string errorLogPath)
        {
            PidPath = pidPath;
            ErrorLogPath = errorLogPath;
        }

        public string PidPath { get; }

        /// <summary>The main error log, or null when it goes to stderr or syslog.</summary>
        public string ErrorLogPath { get; }

        /// <param name="dump">The output of <c>nginx -T</c>.</param>
        /// <param name="version">The output of <c>nginx -V</c>.</param>
        /// <param name="prefix">The <c>-p</c> prefix given to nginx, or null.</param>
        public static NginxConfigDump Parse(string dump, string version, string prefix)
        {
            var compiled = new Dictionary<string, string>();
            foreach (Match option in Option.Matches(version ?? string.Empty)) compiled[option.Groups[1].Value] = option.Groups[2].Value;
            var root = prefix ?? (compiled.TryGetValue("prefix", out var p) ? p : "/usr/share/nginx");
            compiled.TryGetValue("pid-path", out var pid);
            compiled.TryGetValue("error-log-path", out var errorLog);

            string configuredErrorLog = null;
            foreach (var (name, arguments) in MainContextDirectives(MainFile(dump)))
            {
                if (name == "pid" && arguments.Count > 0) pid = arguments[0];
                // NGINX logs to every main-level error_log; the first one is enough to read.
                else if (name == "error_log" && arguments.Count > 0 && configuredErrorLog == null) configuredErrorLog = arguments[0];
            }
            errorLog = configuredErrorLog ?? errorLog;
            return new NginxConfigDump(Absolute(root, pid), errorLog == null || errorLog == "stderr" || errorLog.StartsWith("syslog:")
                ? null : Absolute(root, errorLog));
        }

        /// <summary>Every file of the configuration in force, as <c>nginx -T</c> prints them: its path as included, and its text.</summary>
        public static IReadOnlyList<(string Path, string Text)> Files(string dump)
        {
            var headers = FileHeader.Matches(dump ?? string.Empty);
            var files = new List<(string, string)>();
            for (var i = 0; i < headers.Count; i++)
            {
                var start = headers[i].Index + headers[i].Length;
                var end = i + 1 < headers.Count ? headers[i + 1].Index : dump.Length;
                files.Add((headers[i].Groups[1].Value, dump.Substring(start, end - start)));
            }
            return files;
        }

        /// <summary>The first file of the dump: the main configuration, where pid and error_log live.</summary>
        private static string MainFile(string dump)
        {
            var headers = FileHeader.Matches(dump ?? string.Empty);
            if (headers.Count == 0) return dump ?? string.Empty;
            var start = headers[0].Index + headers[0].Length;
            var end = headers.Count > 1 ? headers[1].Index : dump.Length;
            return dump.Substring(start, end - start);
        }

        /// <summary>Directives outside every block, with their arguments; comments and quotes are understood.</summary>
        private static IEnumerable<(string Name, List<string> Arguments)> MainContextDirectives(string text)
        {
            var depth = 0;
            var words = new List<string>();
            var word = new System.Text.StringBuilder();
            char quote = '\0';
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0'; else word.Append(c);
                    continue;
                }
                if (c == '#') { while (i < text.Length && text[i] != '\n') i++; continue; }
                if (c == '"' || c == '\'') { quote = c; continue; }
                if (char.IsWhiteSpace(c) || c == ';' || c == '{' || c == '}')
                {
                    if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
                    if (c == ';')
                    {
                        if (depth == 0 && words.Count > 0) yield return (words[0], words.GetRange(1, words.Count - 1));
                        words.Clear();
                    }
                    else if (c == '{') { depth++; words.Clear(); }
                    else if (c == '}') { depth--; words.Clear(); }
                    continue;
                }
                word.Append(c);
            }
        }

        private static string Absolute(string root, string path) =>
            path == null ? null : path.StartsWith("/") ? path : root.TrimEnd('/') + "/" + path;
    }
}
