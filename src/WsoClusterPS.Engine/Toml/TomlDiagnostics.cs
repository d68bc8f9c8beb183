using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Tomlyn.Syntax;

namespace WsoClusterPS.Engine.Toml
{
    /// <summary>
    /// Tomlyn's diagnostics, made safe to show and to trust. Its messages quote file text (a
    /// redefined table is quoted with its keys, passwords included), so a message keeps only the
    /// key and the position. And its validator reports keys as "already defined" that are not:
    /// it clones its key path with MemberwiseClone, so paths kept as dictionary keys share one
    /// item array with the path being built and are overwritten as parsing goes on; two keys whose
    /// path hashes collide (string hashes differ per process) then compare equal. About one table
    /// of 30,000 keys in ten meets such a pair. A reported duplicate is therefore checked against
    /// the node it names.
    /// </summary>
    internal static class TomlDiagnostics
    {
        private static readonly Regex AlreadyDefined = new Regex(
            @"\AThe key `(?<key>[^`]*)` is already defined at \((?<line>\d+),(?<column>\d+)\)", RegexOptions.CultureInvariant);

        private static readonly Regex Quoted = new Regex(@"`[^`]*`", RegexOptions.CultureInvariant);

        /// <summary>The first true error in file order, with a message that quotes no file text; null when there is none.</summary>
        public static (int Line, int Column, string Message)? FirstError(DocumentSyntax document)
        {
            // Errors cascade, and Tomlyn lists the parser's before the lexer's (an unterminated
            // string comes last): the cause is the error that comes first in the file.
            var first = document.Diagnostics
                .Where(d => d.Kind == DiagnosticMessageKind.Error && !IsFalseDuplicate(document, d.Message))
                .OrderBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column)
                .FirstOrDefault();
            if (first == null) return null;
            return (first.Span.Start.Line + 1, first.Span.Start.Column + 1, Describe(first.Message));
        }

        private static string Describe(string message)
        {
            var duplicate = AlreadyDefined.Match(message);
            if (duplicate.Success)
            {
                return $"the key '{duplicate.Groups["key"].Value}' is already defined at line {duplicate.Groups["line"].Value}, " +
                       $"column {duplicate.Groups["column"].Value}, and cannot be defined again";
            }
            // Short quotes name a token; longer ones, or ones holding a key = value or a line end, are file text.
            return Quoted.Replace(message, q =>
                q.Length > 42 || q.Value.Contains(" = ") || q.Value.Contains("\u2424") ? "(text left out)" : q.Value);
        }

        /// <summary>Whether a duplicate-key message names a key that the node it points at does not define.</summary>
        private static bool IsFalseDuplicate(DocumentSyntax document, string message)
        {
            var duplicate = AlreadyDefined.Match(message);
            var key = duplicate.Groups["key"].Value;
            if (!duplicate.Success || key.Contains("[")) return false;
            var line = int.Parse(duplicate.Groups["line"].Value, CultureInfo.InvariantCulture) - 1;
            var column = int.Parse(duplicate.Groups["column"].Value, CultureInfo.InvariantCulture) - 1;
            var defined = PathsDefinedAt(document, line, column);
            return defined != null && !defined.Contains(key);
        }

        /// <summary>Every key path the table header or key line starting at the position defines, implicit parents included.</summary>
        private static HashSet<string> PathsDefinedAt(DocumentSyntax document, int line, int column)
        {
            bool At(SyntaxNode node) => node.Span.Start.Line == line && node.Span.Start.Column == column;
            foreach (var table in document.Tables)
            {
                var tableParts = TomlEditor.TableParts(table);
                if (At(table)) return Prefixes(Array.Empty<string>(), tableParts);
                if (table is TableArraySyntax) continue;
                foreach (var item in table.Items)
                    if (At(item)) return Prefixes(tableParts, TomlEditor.KeyParts(item.Key));
            }
            foreach (var item in document.KeyValues)
                if (At(item)) return Prefixes(Array.Empty<string>(), TomlEditor.KeyParts(item.Key));
            return null;
        }

        private static HashSet<string> Prefixes(IReadOnlyList<string> table, IReadOnlyList<string> key)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            var parts = table.Concat(key).ToList();
            for (var n = table.Count + 1; n <= parts.Count; n++) paths.Add(string.Join(".", parts.Take(n)));
            return paths;
        }
    }
}
