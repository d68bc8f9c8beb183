using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// The shapes a private key takes on its way through a portal or a vault: pasted into a
    /// one-line field its line breaks become spaces (or vanish), a JSON value keeps them as the two
    /// characters \n, and a Key Vault secret is often the file base64-encoded. Each is turned back
    /// into the key's own text, so it can be tried.
    /// </summary>
    internal static class PrivateKeyForms
    {
        private static readonly Regex Armoured = new Regex(
            @"\A\s*(?<begin>-----BEGIN [A-Z0-9 ]+-----)(?<body>.*?)(?<end>-----END [A-Z0-9 ]+-----)\s*\z",
            RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static readonly Regex PemHeader = new Regex(@"\A(?<name>Proc-Type|DEK-Info):\s*(?<value>\S+)",
            RegexOptions.CultureInvariant);

        /// <summary>The forms to try, each named as a message says it, the text as given first.</summary>
        public static IEnumerable<(string Form, string Text)> Of(string text)
        {
            yield return ("as given", text);
            if (text.Contains("\\n"))
                yield return ("with its \\n escapes made line breaks", text.Replace("\\r\\n", "\n").Replace("\\n", "\n"));
            if (Rewrapped(text) is string rewrapped && rewrapped != text)
                yield return ("with its line breaks put back (they had become spaces)", rewrapped);
            if (Decoded(text) is string decoded)
                yield return ("base64-decoded", Rewrapped(decoded) ?? decoded);
        }

        /// <summary>The forms tried, for a message that says what was done with the key.</summary>
        public static string Tried(string text) => string.Join(", ", Of(text).Select(f => f.Form));

        /// <summary>
        /// Whether the key is encrypted: only then can a passphrase be wrong. OpenSSH keys name their
        /// cipher in the clear at the start of the body; PEM keys say ENCRYPTED in a header.
        /// </summary>
        public static bool IsEncrypted(string text)
        {
            foreach (var (_, form) in Of(text))
            {
                if (form.Contains("ENCRYPTED")) return true;
                var armour = Armoured.Match(form);
                if (!armour.Success || !armour.Groups["begin"].Value.Contains("OPENSSH")) continue;
                try
                {
                    var blob = Convert.FromBase64String(Regex.Replace(armour.Groups["body"].Value, @"\s", string.Empty));
                    const string magic = "openssh-key-v1\0";
                    if (blob.Length < magic.Length + 4 || Encoding.ASCII.GetString(blob, 0, magic.Length) != magic) continue;
                    var length = (blob[magic.Length] << 24) | (blob[magic.Length + 1] << 16) | (blob[magic.Length + 2] << 8) | blob[magic.Length + 3];
                    if (length < 0 || magic.Length + 4 + length > blob.Length) continue;
                    return Encoding.ASCII.GetString(blob, magic.Length + 4, length) != "none";
                }
                catch (FormatException)
                {
                }
            }
            return false;
        }

        /// <summary>The armoured text with its body cut into lines again (64 characters, as OpenSSL writes them) and
        /// any PEM headers on lines of their own; null when it is not armoured.</summary>
        private static string Rewrapped(string text)
        {
            var armour = Armoured.Match(text);
            if (!armour.Success) return null;
            var lines = new List<string> { armour.Groups["begin"].Value };
            var body = armour.Groups["body"].Value.Trim();
            var headers = false;
            for (var header = PemHeader.Match(body); header.Success; header = PemHeader.Match(body))
            {
                lines.Add($"{header.Groups["name"].Value}: {header.Groups["value"].Value}");
                body = body.Substring(header.Length).TrimStart();
                headers = true;
            }
            if (headers) lines.Add(string.Empty);
            var base64 = Regex.Replace(body, @"\s", string.Empty);
            for (var at = 0; at < base64.Length; at += 64) lines.Add(base64.Substring(at, Math.Min(64, base64.Length - at)));
            lines.Add(armour.Groups["end"].Value);
            return string.Join("\n", lines) + "\n";
        }

        /// <summary>The text a base64-encoded key file decodes to; null when it is no such thing.</summary>
        private static string Decoded(string text)
        {
            var compact = Regex.Replace(text, @"\s", string.Empty);
            if (compact.Length == 0 || compact.Length % 4 != 0 || compact.Contains("-----")) return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(compact));
                return Armoured.IsMatch(decoded) ? decoded : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
