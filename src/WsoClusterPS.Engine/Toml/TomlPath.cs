using System.Collections.Generic;
using System.Linq;
using Tomlyn.Syntax;

namespace WsoClusterPS.Engine.Toml
{
    /// <summary>Dotted TOML names as lists of parts: "database.identity_db", or with quoted parts.</summary>
    public static class TomlPath
    {
        /// <summary>Splits on dots outside double quotes: <c>hazelcast."a.b"</c> is two parts.</summary>
        public static IReadOnlyList<string> Split(string dotted)
        {
            var parts = new List<string>();
            if (string.IsNullOrEmpty(dotted)) return parts;
            var current = new System.Text.StringBuilder();
            var quoted = false;
            foreach (var c in dotted)
            {
                if (c == '"') { quoted = !quoted; continue; }
                if (c == '.' && !quoted) { parts.Add(current.ToString()); current.Clear(); continue; }
                current.Append(c);
            }
            parts.Add(current.ToString());
            return parts;
        }

        /// <summary>The address of one element of an array of tables: "datasource[0]".</summary>
        public static string ElementAddress(string table, int index) =>
            table + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

        /// <summary>A table address split into its name's parts and, for an element of an array of tables, its index.</summary>
        public static (IReadOnlyList<string> Parts, int? Element) Element(string address)
        {
            var match = ElementPattern.Match(address ?? string.Empty);
            return match.Success
                ? (Split(match.Groups["table"].Value), int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : (Split(address), (int?)null);
        }

        private static readonly System.Text.RegularExpressions.Regex ElementPattern =
            new System.Text.RegularExpressions.Regex(@"\A(?<table>.+)\[(?<index>[0-9]{1,9})\]\z",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>Writes parts back as a key: bare where TOML allows it, quoted otherwise.</summary>
        public static string Join(IEnumerable<string> parts) =>
            string.Join(".", parts.Select(p => BareKeySyntax.IsBareKey(p) ? p : new StringValueSyntax(p).ToString()));
    }
}
