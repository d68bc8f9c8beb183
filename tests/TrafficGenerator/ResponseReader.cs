using System.Net.Sockets;
using System.Text;

namespace WsoClusterPS.Traffic;

/// <summary>Reads an HTTP/1.1 response off a socket, line by line or by length, telling when the first byte came.</summary>
internal sealed class ResponseReader(Socket socket, Action firstByte)
{
    private readonly byte[] _buffer = new byte[16384];
    private int _start;
    private int _end;
    private bool _seen;

    public string Line()
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !Fill()) throw new EndOfStreamException();
            var b = (char)_buffer[_start++];
            if (b == '\n') return line.ToString().TrimEnd('\r');
            line.Append(b);
        }
    }

    public string Bytes(int count)
    {
        var bytes = new byte[count];
        for (var done = 0; done < count;)
        {
            if (_start == _end && !Fill()) throw new EndOfStreamException();
            var take = Math.Min(count - done, _end - _start);
            Array.Copy(_buffer, _start, bytes, done, take);
            (_start, done) = (_start + take, done + take);
        }
        return Encoding.UTF8.GetString(bytes);
    }

    public string Rest()
    {
        var rest = new StringBuilder();
        do rest.Append(Encoding.UTF8.GetString(_buffer, _start, _end - _start));
        while (Fill());
        return rest.ToString();
    }

    private bool Fill()
    {
        _start = 0;
        _end = socket.Receive(_buffer);
        if (_end > 0 && !_seen)
        {
            _seen = true;
            firstByte();
        }
        return _end > 0;
    }
}
