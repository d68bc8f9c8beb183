using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// Writes a POSIX tar (ustar, with a pax record for a name over 100 bytes) to a stream, so a
    /// pack can be streamed into <c>tar -x</c> on a machine that has no unzip. Entries are written
    /// as they come; nothing is buffered but one file's header.
    /// </summary>
    public sealed class TarStream : IDisposable
    {
        private const int Block = 512;
        private const int NameLength = 100;
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly Stream _output;
        private int _longNames;
        private bool _finished;

        public TarStream(Stream output)
        {
            _output = output;
        }

        public void AddDirectory(string name, int mode, DateTimeOffset modified) =>
            WriteHeader(name.TrimEnd('/') + "/", mode, modified, 0, '5');

        /// <summary>Adds a symbolic link; the caller has checked that it points inside the tree.</summary>
        public void AddSymlink(string name, string target, DateTimeOffset modified) =>
            WriteHeader(name, 0x1FF, modified, 0, '2', target);

        /// <summary>Adds a file of exactly <paramref name="length"/> bytes read from <paramref name="content"/>.</summary>
        public void AddFile(string name, int mode, DateTimeOffset modified, long length, Stream content, Action<long> copied = null)
        {
            WriteHeader(name, mode, modified, length, '0');
            var buffer = new byte[1 << 16];
            long left = length;
            while (left > 0)
            {
                var read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0) throw new InvalidDataException($"'{name}' ended {left} bytes before the length its zip entry gives.");
                _output.Write(buffer, 0, read);
                left -= read;
                copied?.Invoke(read);
            }
            Pad(length);
        }

        /// <summary>The two empty blocks that end an archive; the stream itself stays open.</summary>
        public void Dispose()
        {
            if (_finished) return;
            _finished = true;
            _output.Write(new byte[2 * Block], 0, 2 * Block);
            _output.Flush();
        }

        private void WriteHeader(string name, int mode, DateTimeOffset modified, long length, char type, string linkTarget = null)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var linkBytes = Encoding.UTF8.GetBytes(linkTarget ?? string.Empty);
            if (nameBytes.Length > NameLength || linkBytes.Length > NameLength)
            {
                // Pax 'path' and 'linkpath' records carry whole names; the header's own fields are stand-ins.
                var record = (nameBytes.Length > NameLength ? PaxRecord("path", name) : Array.Empty<byte>())
                    .Concat(linkBytes.Length > NameLength ? PaxRecord("linkpath", linkTarget) : Array.Empty<byte>()).ToArray();
                WriteRawHeader(Encoding.ASCII.GetBytes("PaxHeaders/" + (++_longNames).ToString(CultureInfo.InvariantCulture)), 0x1A4,
                    modified, record.Length, 'x');
                _output.Write(record, 0, record.Length);
                Pad(record.Length);
                Array.Resize(ref nameBytes, Math.Min(nameBytes.Length, NameLength));
                Array.Resize(ref linkBytes, Math.Min(linkBytes.Length, NameLength));
            }
            WriteRawHeader(nameBytes, mode, modified, length, type, linkBytes);
        }

        private void WriteRawHeader(byte[] name, int mode, DateTimeOffset modified, long length, char type, byte[] linkName = null)
        {
            var header = new byte[Block];
            Array.Copy(name, header, Math.Min(name.Length, NameLength));
            if (linkName != null) Array.Copy(linkName, 0, header, 157, Math.Min(linkName.Length, NameLength));
            Octal(header, 100, 8, mode & 0xFFF);
            Octal(header, 108, 8, 0);
            Octal(header, 116, 8, 0);
            Octal(header, 124, 12, length);
            Octal(header, 136, 12, Math.Max(0, (long)(modified - Epoch).TotalSeconds));
            header[156] = (byte)type;
            Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
            // The checksum is the byte sum with its own field counted as eight spaces.
            for (var i = 148; i < 156; i++) header[i] = (byte)' ';
            long sum = 0;
            foreach (var b in header) sum += b;
            Octal(header, 148, 7, sum);
            _output.Write(header, 0, Block);
        }

        /// <summary>"LEN key=value\n", where LEN counts the whole record, its own digits included.</summary>
        private static byte[] PaxRecord(string key, string value)
        {
            var body = Encoding.UTF8.GetByteCount(" " + key + "=" + value + "\n");
            var length = body + 1;
            while (length.ToString(CultureInfo.InvariantCulture).Length + body != length) length++;
            return Encoding.UTF8.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " " + key + "=" + value + "\n");
        }

        /// <summary>A zero-padded octal number ending in NUL, as tar's numeric fields are.</summary>
        private static void Octal(byte[] header, int offset, int width, long value)
        {
            var digits = Convert.ToString(value, 8).PadLeft(width - 1, '0');
            if (digits.Length > width - 1) throw new InvalidDataException($"{value} does not fit a tar header field of {width - 1} " +
                "octal digits.");
            Encoding.ASCII.GetBytes(digits).CopyTo(header, offset);
            header[offset + width - 1] = 0;
        }

        private void Pad(long length)
        {
            var rest = (int)(length % Block);
            if (rest != 0) _output.Write(new byte[Block - rest], 0, Block - rest);
        }
    }
}
