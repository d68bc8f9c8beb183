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
