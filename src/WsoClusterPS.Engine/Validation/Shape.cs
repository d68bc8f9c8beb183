using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Validation
{
    /// <summary>What a value must look like, as a pattern and in words for the error that refuses it.</summary>
    public sealed class Shape
    {
        private readonly Regex _pattern;

        /// <param name="pattern">Anchored with \A and \z: .NET's $ also matches before a final newline.</param>
        public Shape(string pattern, string expected)
        {
            _pattern = new Regex(pattern, RegexOptions.CultureInvariant);
            Expected = expected;
        }

        /// <summary>"a host name such as wso2.is": what the value should be, for messages.</summary>
        public string Expected { get; }

        public bool Matches(string value) => value != null && _pattern.IsMatch(value);
    }
}
