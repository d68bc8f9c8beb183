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
        public static KnownHostVerdict Check(IEnumerable<string> lines, string host, int port, string keyType, byte[] key) =>
            Check(lines, host, port, keyType, key, out _);

        /// <param name="malformed">The (1-based) numbers of lines for this host whose key does not parse: skipped, as
        /// ssh skips them.</param>
        public static KnownHostVerdict Check(IEnumerable<string> lines, string host, int port, string keyType, byte[] key,
            out IReadOnlyList<int> malformed)
        {
            var name = port == 22 ? host : $"[{host}]:{port}";
            var encoded = Convert.ToBase64String(key);
            var verdict = KnownHostVerdict.Unknown;
            var skipped = new List<int>();
            malformed = skipped;
            var number = 0;
            foreach (var raw in lines)
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                var marker = fields[0].StartsWith("@", StringComparison.Ordinal) ? fields[0] : null;
                if (marker != null) fields = fields.Skip(1).ToArray();
                if (fields.Length < 3 || marker == "@cert-authority" || !Matches(fields[0], name)) continue;
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

        /// <summary>Adds the host's key, as ssh does with StrictHostKeyChecking=accept-new; the file is kept private.</summary>
        public static void Add(string path, string host, int port, string keyType, byte[] key)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            Directory.CreateDirectory(directory);
            var name = port == 22 ? host : $"[{host}]:{port}";
            var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            var separator = existing.Length == 0 || existing.EndsWith("\n", StringComparison.Ordinal) ? string.Empty : "\n";
            File.AppendAllText(path, $"{separator}{name} {keyType} {Convert.ToBase64String(key)}\n");
#if NET
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
        }

        /// <summary>OpenSSH's fingerprint notation: SHA256: and unpadded base64 of the key's SHA-256.</summary>
        public static string Fingerprint(byte[] key)
        {
            using (var sha = SHA256.Create()) return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(key)).TrimEnd('=');
        }

        /// <summary>Whether the key field is base64 of an SSH key blob whose own type is the line's key type.</summary>
        private static bool IsWellFormed(string keyType, string base64)
        {
            byte[] blob;
            try { blob = Convert.FromBase64String(base64); }
            catch (FormatException) { return false; }
            if (blob.Length < 4) return false;
            var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            return length > 0 && length <= blob.Length - 4 && Encoding.ASCII.GetString(blob, 4, length) == keyType;
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
