using System;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// Checks every value that goes into a generated NGINX file: one that could end a directive,
    /// open or close a block, or start a variable (<c>; { } " ' $</c>, newlines) is refused,
    /// never escaped, so a parameter can never inject configuration.
    /// </summary>
    public static class NginxValue
    {
        private static readonly Regex HostName = new Regex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant);
        private static readonly Regex HostAddress = new Regex(@"^[A-Za-z0-9.:-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Name = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        public static string ServerName(string value) =>
            Check("server name", value, HostName.IsMatch(value ?? string.Empty), "a host name such as wso2.is (letters, digits, dots and hyphens; no spaces)");

        public static string Address(string value) =>
            Check("address", value, HostAddress.IsMatch(value ?? string.Empty), "a host name or an IP address");

        public static string Identifier(string what, string value) =>
            Check(what, value, Name.IsMatch(value ?? string.Empty), "letters, digits and underscores, not starting with a digit");

        /// <summary>A file path, written in double quotes so spaces are fine.</summary>
        public static string Path(string what, string value) =>
            Check(what, value, !string.IsNullOrEmpty(value) && value.IndexOfAny(new[] { ';', '{', '}', '"', '\'', '$', '\\', '\r', '\n' }) < 0,
                  "a path without ; { } quotes, $, backslashes or line breaks");

        private static string Check(string what, string value, bool valid, string expected)
        {
            if (valid) return value;
            throw new ArgumentException($"The {what} '{value}' cannot go into an NGINX configuration: it must be {expected}. Nothing was written.");
        }
    }
}
