using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace WsoClusterPS.Engine.Toml
{
    /// <summary>
    /// Reads and edits a TOML document while keeping every byte that an edit does not touch.
    /// </summary>
    /// <remarks>
    /// Each edit finds its place in Tomlyn's syntax tree and splices only the span of the value,
    /// key line or table it changes into the text, with the new literal rendered by Tomlyn's own
    /// syntax nodes; the result is parsed again (with validation) before it is kept. Splicing by
    /// span avoids the trivia traps of rewriting the tree (comments and blank lines that belong to
    /// the next table hang on the previous line) and keeps CRLF line ends and quoting as they are.
    /// </remarks>
    public sealed class TomlEditor
    {
        private DocumentSyntax _document;

        private TomlEditor(string text, string sourceName)
        {
            SourceName = sourceName;
            OriginalText = text;
            Text = text;
            NewLine = DominantNewLine(text);
            _document = ParseOrThrow(text, problemPrefix: null);
        }

        public string SourceName { get; }
        public string OriginalText { get; }
        public string Text { get; private set; }
        public bool Changed => !string.Equals(Text, OriginalText, StringComparison.Ordinal);
        private string NewLine { get; }

        /// <summary>Parses <paramref name="text"/>; throws <see cref="TomlEditException"/> at the first error.</summary>
        public static TomlEditor Parse(string text, string sourceName) => new TomlEditor(text ?? string.Empty, sourceName);

        /// <summary>Reads and parses a TOML file on a host (UTF-8, a byte order mark allowed).</summary>
        public static TomlEditor Read(WsoClusterPS.Engine.Hosts.IHost host, string path) =>
            Parse(WsoClusterPS.Engine.Text.TextFile.Read(host, path).Text, path);

        /// <summary>The value at <paramref name="table"/>.<paramref name="key"/>: string, long, bool, object[], or null
        /// when absent.</summary>
        /// <remarks><paramref name="table"/> may name one element of an array of tables: "datasource[0]".</remarks>
        public object Get(TomlKey key) => Get(key.Table, key.Name);

        public void SetString(TomlKey key, string value) => SetString(key.Table, key.Name, value);

        public void SetInteger(TomlKey key, long value) => SetInteger(key.Table, key.Name, value);

        public void SetStringArray(TomlKey key, IReadOnlyList<string> values) => SetStringArray(key.Table, key.Name, values);

        public object Get(string table, string key)
        {
            var found = FindIn(table, key);
            return found == null ? null : ValueOf(found.Value);
        }

        /// <summary>The keys directly in <paramref name="table"/> (or one element of an array of tables), in file order.</summary>
        public IReadOnlyList<string> Keys(string table)
        {
            var (tablePath, element) = TomlPath.Element(table);
            if (element != null)
                return ArrayElement(tablePath, element.Value)?.Items.Select(i => TomlPath.Join(KeyParts(i.Key))).ToList()
                    ?? new List<string>();
            return AllKeyValues().Select(kv => kv.Table.Concat(KeyParts(kv.Item.Key)).ToList())
                .Where(full => full.Count > tablePath.Count && full.Take(tablePath.Count).SequenceEqual(tablePath, StringComparer.Ordinal))
                .Select(full => TomlPath.Join(full.Skip(tablePath.Count))).ToList();
        }

        /// <summary>The tables of the file by address, in file order: "database.identity_db", and "datasource[0]" for the
        /// first element of an array of tables.</summary>
        public IReadOnlyList<string> Tables() => AddressedTables().Select(t => t.Address).ToList();

        private IEnumerable<(string Address, TableSyntaxBase Table)> AddressedTables()
        {
            var elements = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in _document.Tables)
            {
                var name = TomlPath.Join(TableParts(table));
                if (!(table is TableArraySyntax)) yield return (name, table);
                else
                {
                    elements.TryGetValue(name, out var index);
                    elements[name] = index + 1;
                    yield return (TomlPath.ElementAddress(name, index), table);
                }
            }
        }

        /// <summary>Every key of the file with its value (as <see cref="Get(string, string)"/> gives it), in file order: by
        /// table address ("" for the root, "datasource[0]" for an element of an array of tables) and key.</summary>
        public IReadOnlyList<(string Table, string Key, object Value)> Entries() =>
            _document.KeyValues.Select(item => (Table: string.Empty, Item: item))
                .Concat(AddressedTables().SelectMany(t => t.Table.Items.Select(item => (Table: t.Address, Item: item))))
                .Select(e => (e.Table, TomlPath.Join(KeyParts(e.Item.Key)), ValueOf(e.Item.Value))).ToList();

        public void SetString(string table, string key, string value) =>
            Set(table, key, new StringValueSyntax(value).ToString(), existing => existing is StringValueSyntax s
                ? s.Value == value
                : existing is IntegerValueSyntax i && i.Value.ToString(CultureInfo.InvariantCulture) == value);

        public void SetInteger(string table, string key, long value) =>
            Set(table, key, value.ToString(CultureInfo.InvariantCulture), existing => existing is IntegerValueSyntax i
                ? i.Value == value
                : existing is StringValueSyntax s && s.Value == value.ToString(CultureInfo.InvariantCulture));

        public void SetBoolean(string table, string key, bool value) =>
            Set(table, key, value ? "true" : "false", existing => existing is BooleanValueSyntax b
                ? b.Value == value
                : existing is StringValueSyntax s && s.Value == (value ? "true" : "false"));

        /// <summary>Removes a key with its whole line (and the comment on it); nothing when absent.</summary>
        public void Remove(string table, string key)
        {
            var existing = FindIn(table, key);
            if (existing == null) return;
            var start = existing.Span.Offset;
            var lineStart = Text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
            if (Text.Substring(lineStart, start - lineStart).Trim().Length == 0) start = lineStart;
            var end = existing.EndOfLineToken == null
                ? Text.Length : existing.EndOfLineToken.Span.Offset + existing.EndOfLineToken.Span.Length;
            Splice(start, end - start, string.Empty);
        }

        /// <summary>
        /// Sets a key of a table that must end the file with nothing after it, not even a comment:
        /// Secure Vault's [secrets], since WSO2's cipher tool (1.1.x, every IS) reads each later line
        /// as one of its entries and truncates the file when it cannot. The table is moved to the
        /// very end, or added there; the comments it passes stay where they were.
        /// </summary>
        public void SetStringInTrailingTable(string table, string key, string value)
        {
            var tablePath = TomlPath.Split(table);
            var home = FindTable(tablePath);
            if (home == null)
            {
                var lead = Text.Length == 0 ? string.Empty : (EndsWithNewLine(Text) ? NewLine : NewLine + NewLine);
                Splice(Text.Length, 0, lead + "[" + TomlPath.Join(tablePath) + "]" + NewLine);
            }
            else
            {
                var start = home.OpenBracket.Span.Offset;
                var (end, _) = EndOfContent(home);
                if (Text.Substring(end).Trim().Length > 0)
                {
                    var block = Text.Substring(start, end - start);
                    Splice(start, end - start, string.Empty);
                    Splice(Text.Length, 0, (EndsWithNewLine(Text) ? NewLine : NewLine + NewLine) + block);
                }
            }
            SetString(table, key, value);
        }

        public void SetStringArray(string table, string key, IReadOnlyList<string> values) =>
            Set(table, key, RenderArray(values, layoutLike: null), existing => existing is ArraySyntax a && SameStrings(a, values),
                existing => RenderArray(values, existing as ArraySyntax));

        private void Set(string table, string key, string literal, Func<ValueSyntax, bool> isSame,
            Func<ValueSyntax, string> literalReplacing = null)
        {
            var (tablePath, element) = TomlPath.Element(table);
            var keyPath = TomlPath.Split(key);
            var existing = FindIn(table, key);
            if (existing != null)
            {
                if (isSame(existing.Value)) return;
                var span = existing.Value.Span;
                Splice(span.Offset, span.Length, literalReplacing?.Invoke(existing.Value) ?? literal);
                return;
            }

            var keyLine = TomlPath.Join(keyPath) + " = " + literal;
            if (element != null)
            {
                var entry = ArrayElement(tablePath, element.Value)
                    ?? throw new InvalidOperationException($"{SourceName} has no element {table}: an element is never added here.");
                InsertLineAfter(entry, keyLine);
                return;
            }
            var home = FindTable(tablePath);
            if (home != null)
            {
                InsertLineAfter(home, keyLine);
                return;
            }

            var dottedHome = FindTableHoldingDottedKeysUnder(tablePath);
            if (dottedHome != null)
            {
                var rest = tablePath.Skip(TableParts(dottedHome).Count).Concat(keyPath).ToList();
                InsertLineAfter(dottedHome, TomlPath.Join(rest) + " = " + literal);
                return;
            }

            InsertTable(tablePath, keyLine);
        }

        private void InsertLineAfter(TableSyntaxBase table, string line)
        {
            var (offset, needsNewLineFirst) = EndOfContent(table);
            Splice(offset, 0, (needsNewLineFirst ? NewLine : string.Empty) + line + NewLine);
        }

        /// <summary>
        /// A new table goes after the last table of its family (the longest shared name prefix),
        /// else after the last table: before the comments and commented-out blocks that trail a
        /// stock deployment.toml, so it reads as part of the live configuration.
        /// </summary>
        private void InsertTable(IReadOnlyList<string> tablePath, string keyLine)
        {
            var header = "[" + TomlPath.Join(tablePath) + "]";
            var tables = _document.Tables.ToList();
            if (tables.Count == 0)
            {
                var prefix = Text.Length == 0 ? string.Empty : (EndsWithNewLine(Text) ? NewLine : NewLine + NewLine);
                Splice(Text.Length, 0, prefix + header + NewLine + keyLine + NewLine);
                return;
            }

            var anchor = tables.Last();
            var bestShared = 0;
            foreach (var candidate in tables)
            {
                var shared = SharedPrefixLength(TableParts(candidate), tablePath);
                if (shared > 0 && shared >= bestShared)
                {
                    bestShared = shared;
                    anchor = candidate;
                }
            }

            var (offset, needsNewLineFirst) = EndOfContent(anchor);
            var lead = needsNewLineFirst ? NewLine + NewLine : NewLine;
            var followedByBlankLine = offset == Text.Length || Text[offset] == '\r' || Text[offset] == '\n';
            Splice(offset, 0, lead + header + NewLine + keyLine + NewLine + (followedByBlankLine ? string.Empty : NewLine));
        }

        /// <summary>Where a table's last key line ends: after its newline, before trailing trivia.</summary>
        private (int Offset, bool NeedsNewLineFirst) EndOfContent(TableSyntaxBase table)
        {
            var count = table.Items.ChildrenCount;
            var lastLineEnd = count > 0 ? table.Items.GetChild(count - 1).EndOfLineToken : table.EndOfLineToken;
            // Only the last line of a file lacks its end-of-line token; anything after it (a
            // trailing comment) is on that same line, so the new line goes at the very end.
            if (lastLineEnd == null) return (Text.Length, true);
            return (lastLineEnd.Span.Offset + lastLineEnd.Span.Length, false);
        }

        private void Splice(int offset, int length, string replacement)
        {
            var edited = Text.Substring(0, offset) + replacement + Text.Substring(offset + length);
            _document = ParseOrThrow(edited, "the edit would make the file invalid");
            Text = edited;
        }

        private DocumentSyntax ParseOrThrow(string text, string problemPrefix)
        {
            var document = SyntaxParser.Parse(text, SourceName, validate: true);
            if (!document.HasErrors) return document;
            var error = TomlDiagnostics.FirstError(document);
            if (error == null) return document;
            var (line, column, message) = error.Value;
            throw new TomlEditException(SourceName, line, column, problemPrefix == null ? message : problemPrefix + ": " + message);
        }

        private KeyValueSyntax Find(IReadOnlyList<string> fullPath)
        {
            foreach (var (tableParts, item) in AllKeyValues())
            {
                if (tableParts.Concat(KeyParts(item.Key)).SequenceEqual(fullPath, StringComparer.Ordinal)) return item;
            }
            return null;
        }

        private KeyValueSyntax FindIn(string table, string key)
        {
            var (tablePath, element) = TomlPath.Element(table);
            var keyPath = TomlPath.Split(key);
            if (element == null) return Find(tablePath.Concat(keyPath).ToList());
            return ArrayElement(tablePath, element.Value)?.Items
                .FirstOrDefault(i => KeyParts(i.Key).SequenceEqual(keyPath, StringComparer.Ordinal));
        }

        private TableArraySyntax ArrayElement(IReadOnlyList<string> tablePath, int index) =>
            _document.Tables.OfType<TableArraySyntax>().Where(t => TableParts(t).SequenceEqual(tablePath, StringComparer.Ordinal))
                .ElementAtOrDefault(index);

        private TableSyntax FindTable(IReadOnlyList<string> tablePath) =>
            _document.Tables.OfType<TableSyntax>().LastOrDefault(t => TableParts(t).SequenceEqual(tablePath, StringComparer.Ordinal));

        private TableSyntax FindTableHoldingDottedKeysUnder(IReadOnlyList<string> tablePath)
        {
            foreach (var table in _document.Tables.OfType<TableSyntax>())
            {
                var parts = TableParts(table);
                if (parts.Count >= tablePath.Count || !tablePath.Take(parts.Count).SequenceEqual(parts, StringComparer.Ordinal)) continue;
                var rest = tablePath.Skip(parts.Count).ToList();
                if (table.Items.Any(i => KeyParts(i.Key).Take(rest.Count).SequenceEqual(rest, StringComparer.Ordinal)
                    && KeyParts(i.Key).Count > rest.Count))
                    return table;
            }
            return null;
        }

        private IEnumerable<(IReadOnlyList<string> Table, KeyValueSyntax Item)> AllKeyValues()
        {
            foreach (var item in _document.KeyValues) yield return (Array.Empty<string>(), item);
            // Keys of an array of tables belong to one element of it, never to the table we edit.
            foreach (var table in _document.Tables.OfType<TableSyntax>())
            {
                var parts = TableParts(table);
                foreach (var item in table.Items) yield return (parts, item);
            }
        }

        internal static IReadOnlyList<string> TableParts(TableSyntaxBase table) => KeyParts(table.Name);

        internal static IReadOnlyList<string> KeyParts(KeySyntax key)
        {
            var parts = new List<string> { PartText(key.Key) };
            foreach (var dotted in key.DotKeys) parts.Add(PartText(dotted.Key));
            return parts;
        }

        private static string PartText(BareKeyOrStringValueSyntax part) =>
            part is StringValueSyntax quoted ? quoted.Value : ((BareKeySyntax)part).Key.Text;

        private static object ValueOf(ValueSyntax value)
        {
            switch (value)
            {
                case StringValueSyntax s: return s.Value;
                case IntegerValueSyntax i: return i.Value;
                case BooleanValueSyntax b: return b.Value;
                case ArraySyntax a: return a.Items.Select(item => ValueOf(item.Value)).ToArray();
                default: return value.ToString().Trim();
            }
        }

        private static bool SameStrings(ArraySyntax array, IReadOnlyList<string> values) =>
            array.Items.Select(i => (i.Value as StringValueSyntax)?.Value).SequenceEqual(values, StringComparer.Ordinal);

        /// <summary>One line, or one item per line when the array it replaces was laid out that way.</summary>
        private string RenderArray(IReadOnlyList<string> values, ArraySyntax layoutLike)
        {
            var quoted = values.Select(v => new StringValueSyntax(v).ToString()).ToList();
            var multiLine = layoutLike != null && layoutLike.ToString().Trim().Contains("\n") && quoted.Count > 0;
            if (!multiLine) return "[" + string.Join(", ", quoted) + "]";
            var indent = IndentOfLine(layoutLike.Items.ChildrenCount > 0
                ? layoutLike.Items.GetChild(0).Span.Offset : layoutLike.Span.Offset);
            var builder = new StringBuilder("[").Append(NewLine);
            foreach (var item in quoted) builder.Append(indent).Append(item).Append(',').Append(NewLine);
            return builder.Append(']').ToString();
        }

        private string IndentOfLine(int offset)
        {
            var lineStart = Text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
            var indent = new string(Text.Skip(lineStart).TakeWhile(c => c == ' ' || c == '\t').ToArray());
            return indent.Length > 0 ? indent : "  ";
        }

        private static int SharedPrefixLength(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            var n = 0;
            while (n < a.Count && n < b.Count && a[n] == b[n]) n++;
            return n;
        }

        private static bool EndsWithNewLine(string text) => text.EndsWith("\n", StringComparison.Ordinal);

        /// <summary>New lines follow the file: CRLF where most lines end so, else LF.</summary>
        private static string DominantNewLine(string text)
        {
            var crlf = 0;
            var lf = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n') continue;
                if (i > 0 && text[i - 1] == '\r') crlf++; else lf++;
            }
            return crlf > lf ? "\r\n" : "\n";
        }
    }
}
