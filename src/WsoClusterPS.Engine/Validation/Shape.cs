using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Validation
{
    /// <summary>What a value must look like, as a pattern and in words for the error that refuses it.</summary>
    public sealed class Shape
    {
        // Built on first use: a runbook's fresh process pays only for the shapes its cmdlet checks.
        private readonly System.Lazy<Regex> _pattern;

        /// <param name="pattern">Anchored with \A and \z: .NET's $ also matches before a final newline.</param>
        public Shape(string pattern, string expected)
        {
            _pattern = new System.Lazy<Regex>(() => new Regex(pattern, RegexOptions.CultureInvariant));
            Expected = expected;
        }

        /// <summary>"a host name such as wso2.is": what the value should be, for messages.</summary>
        public string Expected { get; }

        public bool Matches(string value) => value != null && _pattern.Value.IsMatch(value);

        /// <summary>A value for a message: control characters written as \n, \r, \0 or \xNN, so a refused line
        /// break shows where it was instead of breaking the message.</summary>
        public static string Show(string value)
        {
            if (value == null) return string.Empty;
            var shown = new System.Text.StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c == '\n') shown.Append("\\n");
                else if (c == '\r') shown.Append("\\r");
                else if (c == '\0') shown.Append("\\0");
                else if (c < ' ' || c == '\x7f') shown.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                else shown.Append(c);
            }
            return shown.ToString();
        }
    }
}
