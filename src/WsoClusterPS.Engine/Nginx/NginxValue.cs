using System;
using WsoClusterPS.Engine.Validation;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// Checks every value that goes into a generated NGINX file: one that could end a directive,
    /// open or close a block, or start a variable (<c>; { } " ' $</c>, newlines) is refused,
    /// never escaped, so a parameter can never inject configuration.
    /// </summary>
    public static class NginxValue
    {
        public static string ServerName(string value) => Check("server name", value, Shapes.ServerName);

        public static string Address(string value) => Check("address", value, Shapes.HostOrAddress);

        /// <summary>
        /// The address a vhost listens on, without a port: an address with a colon is taken for
        /// IPv6 and written in brackets, so "0.0.0.0:80" would become [0.0.0.0:80], which NGINX refuses.
        /// </summary>
        public static string ListenAddress(string value)
        {
            Address(value);
            if (value.Contains(":") && !(System.Net.IPAddress.TryParse(value, out var ip) &&
                                         ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
                throw new ArgumentException(
                    $"The listen address '{value}' holds a port or is not an IPv6 address. Give the address alone (0.0.0.0, ::) " +
                    "and the port with -ListenPort or -HttpListenPort. Nothing was written.");
            return value;
        }

        public static string Identifier(string what, string value) => Check(what, value, Shapes.Identifier);

        /// <summary>
        /// Text for a # comment, from a node (its name, its path): a line break there would end the
        /// comment and make the rest configuration, so every control character is written as \xNN.
        /// </summary>
        public static string Comment(string text)
        {
            var safe = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c < ' ' || c == '\x7f') safe.Append("\\x").Append(((int)c).ToString("x2",
                    System.Globalization.CultureInfo.InvariantCulture));
                else safe.Append(c);
            }
            return safe.ToString();
        }

        /// <summary>A file path, written in double quotes so spaces are fine.</summary>
        public static string Path(string what, string value) =>
            Check(what, value, !string.IsNullOrEmpty(value) && value.IndexOfAny(new[] { ';', '{', '}', '"', '\'', '$', '\\', '\r',
                '\n' }) < 0,
                  "a path without ; { } quotes, $, backslashes or line breaks");

        private static string Check(string what, string value, Shape shape) => Check(what, value, shape.Matches(value), shape.Expected);

        private static string Check(string what, string value, bool valid, string expected)
        {
            if (valid) return value;
            throw new ArgumentException($"The {what} '{value}' cannot go into an NGINX configuration: it must be {expected}. Nothing " +
                "was written.");
        }
    }
}
