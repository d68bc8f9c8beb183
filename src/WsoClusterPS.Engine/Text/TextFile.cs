using System;
using System.Text;

namespace WsoClusterPS.Engine.Text
{
    /// <summary>UTF-8 text as stored on disk, remembering a byte order mark so a rewrite keeps it.</summary>
    public sealed class TextFile
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private TextFile(string text, bool hasBom)
        {
            Text = text;
            HasBom = hasBom;
        }

        public string Text { get; }
        public bool HasBom { get; }

        /// <summary>Decodes UTF-8; throws <see cref="DecoderFallbackException"/> for bytes that are not UTF-8.</summary>
        public static TextFile Decode(byte[] bytes)
        {
            var hasBom = bytes.Length >= 3 && bytes[0] == Bom[0] && bytes[1] == Bom[1] && bytes[2] == Bom[2];
            var start = hasBom ? 3 : 0;
            return new TextFile(Utf8.GetString(bytes, start, bytes.Length - start), hasBom);
        }

        /// <summary>Reads and decodes a text file on a host, as <see cref="Decode(byte[], string)"/> does.</summary>
        public static TextFile Read(Hosts.IHost host, string path) => Decode(host.ReadAllBytes(path), path);

        /// <summary>Decodes a file's bytes; one that is not UTF-8 text is refused with its path and what it looks like.</summary>
        public static TextFile Decode(byte[] bytes, string path)
        {
            try
            {
                return Decode(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new System.IO.InvalidDataException(
                    $"'{path}' is not UTF-8 text ({Looks(bytes)}), so it is not a file this module reads or writes. Nothing was written.");
            }
        }

        private static string Looks(byte[] bytes)
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
                return "it starts with a UTF-16 byte order mark: save it as UTF-8";
            return Array.IndexOf(bytes, (byte)0) >= 0 ? "it holds NUL bytes, as binary files do" : "it holds bytes that are not UTF-8";
        }

        public byte[] Encode(string text)
        {
            var body = Utf8.GetBytes(text);
            if (!HasBom) return body;
            var bytes = new byte[Bom.Length + body.Length];
            Buffer.BlockCopy(Bom, 0, bytes, 0, Bom.Length);
            Buffer.BlockCopy(body, 0, bytes, Bom.Length, body.Length);
            return bytes;
        }
    }
}
