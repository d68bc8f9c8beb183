using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// OpenSSH's known_hosts, read the way ssh reads it: comma-separated host patterns (with * ? and
    /// !negation), <c>[host]:port</c> for ports other than 22, hashed <c>|1|salt|hash</c> entries
    /// (HMAC-SHA1 of the name), and <c>@revoked</c> keys. SSH.NET has no parser of its own.
    /// </summary>
    public static class KnownHosts
    {
        public static KnownHostVerdict Check(IEnumerable<string> lines, string host, int port, byte[] key) =>
            Check(lines, host, port, key, out _, out _);

        /// <summary>
        /// The verdict on the key a host presented. The key's type is read from the key itself
        /// (ssh-rsa), never from the signature algorithm the server used (rsa-sha2-512), as ssh does.
        /// </summary>
        /// <param name="malformed">The (1-based) numbers of lines for this host whose key does not parse: skipped, as
        /// ssh skips them.</param>
        /// <param name="certificateAuthorities">The lines that trust a certificate authority for this host
        /// (@cert-authority): this module does not check host certificates, and says so.</param>
        public static KnownHostVerdict Check(IEnumerable<string> lines, string host, int port, byte[] key,
            out IReadOnlyList<int> malformed, out IReadOnlyList<int> certificateAuthorities)
        {
            var keyType = KeyTypeOf(key);
            var encoded = Convert.ToBase64String(key);
            var verdict = KnownHostVerdict.Unknown;
            var skipped = new List<int>();
            var authorities = new List<int>();
            malformed = skipped;
            certificateAuthorities = authorities;
            foreach (var (number, marker, fields) in Entries(lines, host, port))
            {
                if (marker == "@cert-authority") { authorities.Add(number); continue; }
                if (!IsWellFormed(fields[1], fields[2]))
                {
                    skipped.Add(number);
                    continue;
                }
                var sameKey = fields[2] == encoded;
                if (marker == "@revoked") { if (sameKey) return KnownHostVerdict.Revoked; continue; }
                if (sameKey && fields[1] == keyType) verdict = verdict == KnownHostVerdict.Changed ? verdict : KnownHostVerdict.Trusted;
                else if (fields[1] == keyType && !sameKey && verdict != KnownHostVerdict.Trusted) verdict = KnownHostVerdict.Changed;
            }
            return verdict;
        }

        /// <summary>The key types known_hosts holds for the host (not revoked, well formed), in file order: ssh offers
        /// their algorithms first, so the server presents a key that can be checked.</summary>
        public static IReadOnlyList<string> KeyTypesFor(IEnumerable<string> lines, string host, int port) =>
            Entries(lines, host, port).Where(e => e.Marker == null && IsWellFormed(e.Fields[1], e.Fields[2]))
                .Select(e => e.Fields[1]).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>
        /// Adds the host's key as ssh does with StrictHostKeyChecking=accept-new: a standard line,
        /// the key's own type; a new ~/.ssh is made 0700 and the file is kept 0600.
        /// </summary>
        public static void Add(string path, string host, int port, byte[] key)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
#if NET
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite |
                    UnixFileMode.UserExecute);
#endif
            }
            var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            var separator = existing.Length == 0 || existing.EndsWith("\n", StringComparison.Ordinal) ? string.Empty : "\n";
            File.AppendAllText(path, $"{separator}{NameOf(host, port)} {KeyTypeOf(key)} {Convert.ToBase64String(key)}\n");
#if NET
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
        }

        /// <summary>The type an SSH key blob names for itself (its first string): ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256.</summary>
        public static string KeyTypeOf(byte[] blob)
        {
            if (blob == null || blob.Length < 4) return string.Empty;
            var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            return length > 0 && length <= blob.Length - 4 ? Encoding.ASCII.GetString(blob, 4, length) : string.Empty;
        }

        private static string NameOf(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

        /// <summary>The lines that name the host: line number, marker (@revoked, @cert-authority or null), fields.</summary>
        private static IEnumerable<(int Number, string Marker, string[] Fields)> Entries(IEnumerable<string> lines, string host, int port)
        {
            var name = NameOf(host, port);
            var number = 0;
            foreach (var raw in lines)
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var marker = fields[0].StartsWith("@", StringComparison.Ordinal) ? fields[0] : null;
                if (marker != null) fields = fields.Skip(1).ToArray();
                if (fields.Length >= 3 && Matches(fields[0], name)) yield return (number, marker, fields);
            }
        }

        /// <summary>OpenSSH's fingerprint notation: SHA256: and unpadded base64 of the key's SHA-256.</summary>
        public static string Fingerprint(byte[] key)
        {
            using (var sha = SHA256.Create()) return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(key)).TrimEnd('=');
        }

        /// <summary>Whether the key field is base64 of an SSH key blob whose own type is the line's key type.</summary>
        private static bool IsWellFormed(string keyType, string base64)
        {
            try { return KeyTypeOf(Convert.FromBase64String(base64)) == keyType; }
            catch (FormatException) { return false; }
        }

        private static bool Matches(string patterns, string name)
        {
            if (patterns.StartsWith("|1|", StringComparison.Ordinal)) return HashedMatches(patterns, name);
            var matched = false;
            foreach (var pattern in patterns.Split(','))
            {
                var negated = pattern.StartsWith("!", StringComparison.Ordinal);
                var glob = "^" + Regex.Escape(negated ? pattern.Substring(1) : pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
                if (!Regex.IsMatch(name, glob, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private static bool HashedMatches(string entry, string name)
        {
            var parts = entry.Split('|');
            if (parts.Length != 4) return false;
            try
            {
                using (var hmac = new HMACSHA1(Convert.FromBase64String(parts[2])))
                    return Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(name))) == parts[3];
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
