using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>
    /// Splits a MySQL script into statements the way the mysql client does, since MySqlConnector
    /// has no script runner and rejects DELIMITER: <c>--</c>, <c>#</c> and <c>/* */</c>
    /// comments, quoted strings and identifiers that hold the delimiter, and <c>DELIMITER xx</c>
    /// lines for procedure bodies.
    /// </summary>
    public static class SqlScript
    {
        private static readonly Regex DelimiterLine = new Regex(@"^[ \t]*DELIMITER[ \t]+(\S+)[ \t]*\r?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex CreateTable = new Regex(@"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([A-Za-z0-9_$]+)`?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static IReadOnlyList<SqlStatement> Split(string script)
        {
            var statements = new List<SqlStatement>();
            var delimiter = ";";
            var current = new StringBuilder();
            var startLine = 0;
            var line = 1;
            var i = 0;

            void Finish()
            {
                var text = current.ToString().Trim();
                if (text.Length > 0) statements.Add(new SqlStatement(text, startLine));
                current.Clear();
                startLine = 0;
            }

            while (i < script.Length)
            {
                var atLineStart = i == 0 || script[i - 1] == '\n';
                if (atLineStart && current.ToString().Trim().Length == 0)
                {
                    var end = script.IndexOf('\n', i);
                    var text = end < 0 ? script.Substring(i) : script.Substring(i, end - i);
                    var match = DelimiterLine.Match(text);
                    if (match.Success)
                    {
                        delimiter = match.Groups[1].Value;
                        current.Clear();
                        i = end < 0 ? script.Length : end + 1;
                        line++;
                        continue;
                    }
                }

                var c = script[i];
                if (c == '\n') line++;

                if (IsLineComment(script, i))
                {
                    while (i < script.Length && script[i] != '\n') i++;
                    continue;
                }
                if (c == '/' && At(script, i + 1) == '*' && At(script, i + 2) != '!')
                {
                    var close = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    var stop = close < 0 ? script.Length : close + 2;
                    line += script.Substring(i, stop - i).Count(ch => ch == '\n');
                    current.Append(' ');
                    i = stop;
                    continue;
                }
                if (c == '\'' || c == '"' || c == '`')
                {
                    if (startLine == 0) startLine = line;
                    var stop = EndOfQuoted(script, i);
                    var quoted = script.Substring(i, stop - i);
                    line += quoted.Count(ch => ch == '\n');
                    current.Append(quoted);
                    i = stop;
                    continue;
                }
                if (string.CompareOrdinal(script, i, delimiter, 0, delimiter.Length) == 0)
                {
                    Finish();
                    i += delimiter.Length;
                    continue;
                }
                if (startLine == 0 && !char.IsWhiteSpace(c)) startLine = line;
                current.Append(c);
                i++;
            }
            Finish();
            return statements;
        }

        /// <summary>The tables a script creates, to tell an installed schema from a fresh or a half-installed one.</summary>
        public static IReadOnlyList<string> CreatedTables(IEnumerable<SqlStatement> statements) =>
            statements.Select(s => CreateTable.Match(s.Text)).Where(m => m.Success).Select(m =>
                m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>MySQL starts a comment with "-- " (a space or control character after the dashes) or with #.</summary>
        private static bool IsLineComment(string script, int i)
        {
            if (script[i] == '#') return true;
            if (script[i] != '-' || At(script, i + 1) != '-') return false;
            var next = At(script, i + 2);
            return next == '\0' || char.IsWhiteSpace(next) || char.IsControl(next);
        }

        /// <summary>The index after the closing quote; backslash escapes and doubled quotes stay inside.</summary>
        private static int EndOfQuoted(string script, int start)
        {
            var quote = script[start];
            var i = start + 1;
            while (i < script.Length)
            {
                if (script[i] == '\\' && quote != '`') { i += 2; continue; }
                if (script[i] == quote)
                {
                    if (At(script, i + 1) == quote) { i += 2; continue; }
                    return i + 1;
                }
                i++;
            }
            return script.Length;
        }

        private static char At(string text, int index) => index < text.Length ? text[index] : '\0';
    }
}
