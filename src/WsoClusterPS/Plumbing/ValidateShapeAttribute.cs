using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Like ValidatePattern, but the error says what the value should be in words: PowerShell 5.1
    /// has no ErrorMessage on ValidatePattern and would print the regular expression.
    /// </summary>
    public sealed class ValidateShapeAttribute : ValidateArgumentsAttribute
    {
        private readonly Regex _pattern;
        private readonly string _expected;

        public ValidateShapeAttribute(string pattern, string expected)
        {
            _pattern = new Regex(pattern, RegexOptions.CultureInvariant);
            _expected = expected;
        }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var values = arguments is IEnumerable many && !(arguments is string) ? many : new[] { arguments };
            foreach (var value in values)
            {
                var text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
                if (text == null || !_pattern.IsMatch(text))
                    throw new ValidationMetadataException($"'{text}' is not {_expected}.");
            }
        }
    }
}
