using System.IO;
using System.Security.Cryptography;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>SHA-256 as lowercase hex, as sha256sum prints it: how files are told apart across hosts.</summary>
    public static class FileSha256
    {
        public static string Of(string path)
        {
            using (var stream = File.OpenRead(path))
            using (var sha = SHA256.Create())
                return Hex(sha.ComputeHash(stream));
        }

        public static string Of(byte[] content)
        {
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(content));
        }

        public static string Hex(byte[] bytes)
        {
            var text = new System.Text.StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }
}
