using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Text
{
    /// <summary>
    /// Hides secrets in text that is shown (a diff under -WhatIf, verbose output): by key, so the
    /// old value of a changed password is hidden as well as the new one, and so a short password
    /// never masks the same letters elsewhere, which would give it away.
    /// </summary>
    public static class SecretMask
    {
        public const string Mask = "********";

        // A TOML or properties line whose key names a password or secret: key = value, key=value. A
        // quoted value ends at its closing quote (a # inside it is not a comment); a bare one runs to
        // the end of the line.
        private const string ValueToEnd = @"(?<value>""(?:[^""\\\r\n]|\\.)*""|'[^'\r\n]*'|[^\r\n]*?)(?<end>[ \t]*(?:#[^\r\n]*)?\r?)$";

        private static readonly Regex SecretLine = new Regex(
            @"(?im)^(?<head>[-+ ]?[ \t]*(?:""[^""\r\n]*(?:password|passwd|secret)[^""\r\n]*""" +
            @"|'[^'\r\n]*(?:password|passwd|secret)[^'\r\n]*'" +
            @"|[A-Za-z0-9_.-]*(?:password|passwd|secret)[A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*)" + ValueToEnd,
            RegexOptions.CultureInvariant);

        // A password passed in a JDBC URL option: ...?password=x&amp;...
        private static readonly Regex UrlOption = new Regex(
            @"(?i)(?<head>[?&;](?:amp;)?(?:password|passwd)=)(?<value>[^&""'\s]*)", RegexOptions.CultureInvariant);

        private static readonly Regex VaultReference = new Regex(@"\A""\$secret\{[A-Za-z0-9_.-]+\}""\z", RegexOptions.CultureInvariant);

        private static readonly Regex SecretName = new Regex("(?i)password|passwd|secret", RegexOptions.CultureInvariant);

        /// <summary>Whether a key's name says its value is a secret (db password, client_secret...): masked wherever shown.</summary>
        public static bool NamesASecret(string key) => SecretName.IsMatch(key);

        public static string Apply(string text) => Apply(text, null);

        /// <param name="keys">More keys whose values are hidden whatever their names: the aliases of [secrets], whose
        /// values are ciphertext under names such as smtp_credential.</param>
        public static string Apply(string text, IReadOnlyCollection<string> keys)
        {
            var masked = SecretLine.Replace(text, Hide);
            if (keys != null && keys.Count > 0)
                masked = new Regex(@"(?m)^(?<head>[-+ ]?[ \t]*(?:" + string.Join("|", keys.Select(Regex.Escape)) + @")[ \t]*=[ \t]*)" + ValueToEnd,
                    RegexOptions.CultureInvariant).Replace(masked, Hide);
            return UrlOption.Replace(masked, m => m.Groups["head"].Value + Mask);
        }

        private static string Hide(Match m) => m.Groups["head"].Value + Quoted(m.Groups["value"].Value) + m.Groups["end"].Value;

        /// <summary>Keeps a value's quotes, so the masked line still reads as the file's own form.</summary>
        private static string Quoted(string value)
        {
            // A Secure Vault reference names an alias, not a secret: -WhatIf shows where the password went.
            if (VaultReference.IsMatch(value)) return value;
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                return value[0] + Mask + value[0];
            return value.Length == 0 ? value : Mask;
        }
    }
}
