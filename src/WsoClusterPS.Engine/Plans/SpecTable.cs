using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>
    /// One table of a cluster spec, read key by key: each value is checked for its type where it
    /// is read, and a key no reader asked for is refused by name, so a misspelt key never passes
    /// unnoticed.
    /// </summary>
    public sealed class SpecTable
    {
        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _known = new List<string>();

        /// <param name="where">How an error names the table: "Nodes[1]", "Database"; empty for the spec itself.</param>
        public SpecTable(IDictionary table, string where)
        {
            Where = where;
            foreach (DictionaryEntry entry in table) _values[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = entry.Value;
        }

        public string Where { get; }

        public string String(string key)
        {
            switch (Value(key))
            {
                case null: return null;
                case string text when text.Length > 0 && text.IndexOfAny(new[] { '\r', '\n', '\0' }) < 0: return text;
                case string text: throw Wrong(key, text.Length == 0 ? "is empty" : "holds a line break", "a one-line text");
                default: throw Wrong(key, "is not a text", "a one-line text in quotes");
            }
        }

        public int? Int(string key, int min, int max)
        {
            var value = Value(key);
            if (value == null) return null;
            long number;
            switch (value)
            {
                case int i: number = i; break;
                case long l: number = l; break;
                case string text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed): number = parsed; break;
                default: throw Wrong(key, "is not a whole number", $"a number from {min} to {max}");
            }
            if (number < min || number > max) throw Wrong(key, $"is {number}", $"a number from {min} to {max}");
            return (int)number;
        }

        public bool Bool(string key)
        {
            switch (Value(key))
            {
                case null: return false;
                case bool flag: return flag;
                default: throw Wrong(key, "is not $true or $false", "$true or $false");
            }
        }

        public T? Enum<T>(string key) where T : struct
        {
            var text = String(key);
            if (text == null) return null;
            // By name only: Enum.TryParse would take "1" too.
            if (char.IsLetter(text[0]) && System.Enum.TryParse(text, ignoreCase: true, out T value) && System.Enum.IsDefined(typeof(T), value))
                return value;
            throw Wrong(key, $"is '{text}'", "one of " + string.Join(", ", System.Enum.GetNames(typeof(T))));
        }

        public IReadOnlyList<string> Strings(string key)
        {
            var value = Value(key);
            if (value == null) return null;
            var items = value is string || !(value is IEnumerable list) ? new[] { value } : list.Cast<object>().ToArray();
            if (items.Length == 0 || items.Any(i => !(i is string s) || s.Length == 0))
                throw Wrong(key, "is not a list of texts", "a text or @('a', 'b')");
            return items.Cast<string>().ToList();
        }

        public SpecTable Table(string key)
        {
            switch (Value(key))
            {
                case null: return null;
                case IDictionary table: return new SpecTable(table, Named(key));
                default: throw Wrong(key, "is not a table", "@{ ... }");
            }
        }

        public IReadOnlyList<SpecTable> Tables(string key)
        {
            var value = Value(key);
            if (value == null) return Array.Empty<SpecTable>();
            var items = value is IDictionary single ? new object[] { single } : (value as IEnumerable)?.Cast<object>().ToArray();
            if (items == null || items.Any(i => !(i is IDictionary)))
                throw Wrong(key, "is not a list of tables", "@( @{ ... }, @{ ... } )");
            return items.Select((item, i) => new SpecTable((IDictionary)item, $"{key}[{i}]")).ToList();
        }

        /// <summary>A table of names and texts, as -ConnectionOption takes.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> Pairs(string key)
        {
            var table = Value(key);
            if (table == null) return null;
            if (!(table is IDictionary pairs) || pairs.Values.Cast<object>().Any(v => !(v is string || v is bool || v is int || v is long)))
                throw Wrong(key, "is not a table of texts, numbers and $true/$false", "@{ name = 'value' }");
            return pairs.Cast<DictionaryEntry>().OrderBy(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .Select(e => new KeyValuePair<string, object>(Convert.ToString(e.Key, CultureInfo.InvariantCulture), e.Value)).ToList();
        }

        /// <summary>Refuses the keys no reader asked for, naming them and the keys the table takes.</summary>
        public void RefuseUnknownKeys()
        {
            var unknown = _values.Keys.Where(k => !_known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
                throw new SpecException($"{(Where.Length == 0 ? "The spec" : Where)} has the key(s) {string.Join(", ", unknown)}, which the spec does not know. Its keys are: " +
                    $"{string.Join(", ", _known)}. Check the spelling; nothing was changed.");
        }

        private object Value(string key)
        {
            _known.Add(key);
            return _values.TryGetValue(key, out var value) ? value : null;
        }

        private SpecException Wrong(string key, string problem, string expected) =>
            new SpecException($"{Named(key)} {problem}; give {expected}. Nothing was changed.");

        private string Named(string key) => Where.Length == 0 ? key : Where + "." + key;
    }
}
