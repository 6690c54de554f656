using System.Buffers.Binary;
using System.Globalization;

namespace ReaderKit.Protocol.Framing;

/// <summary>
/// Finds where one MessagePack object ends in a growing buffer, without decoding it. Resumable: bytes already scanned
/// are never scanned again, so a message that trickles in one byte at a time still costs linear time. Enforces the
/// size limit (including lengths that are only claimed by a header) and the nesting limit before anything is parsed.
/// </summary>
internal sealed class MessageScanner
{
    private readonly int _maxBytes;
    private readonly long[] _remaining;
    private int _depth;
    private int _position;

    public MessageScanner(int maxBytes, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _maxBytes = maxBytes;
        _remaining = new long[maxDepth + 1];
        Reset();
    }

    /// <summary>Starts scanning a new message at offset 0 of the next span.</summary>
    public void Reset()
    {
        _remaining[0] = 1;
        _depth = 1;
        _position = 0;
    }

    /// <summary>
    /// Continues scanning <paramref name="data"/> (the message's bytes so far, from its first byte). Returns the message
    /// length once complete, or -1 when more bytes are needed.
    /// </summary>
    /// <exception cref="FramingException">Too large, too deep, or an invalid format byte.</exception>
    public int Scan(ReadOnlySpan<byte> data)
    {
        while (_depth > 0)
        {
            if (_remaining[_depth - 1] == 0)
            {
                _depth--;
                continue;
            }

            if (_position >= data.Length)
            {
                return -1;
            }

            var code = data[_position];
            if (!TryHeader(code, data[_position..], out var header, out var payload, out var items))
            {
                return -1;
            }

            var next = (long)_position + header + payload;
            if (next > _maxBytes)
            {
                throw TooLarge();
            }

            if (next > data.Length)
            {
                return -1;
            }

            _remaining[_depth - 1]--;
            _position = (int)next;
            if (items > 0)
            {
                if (_depth >= _remaining.Length)
                {
                    throw new FramingException(FramingFailure.TooDeep, string.Create(CultureInfo.InvariantCulture, $"Inbound message nests deeper than {_remaining.Length - 1} levels."));
                }

                _remaining[_depth++] = items;
            }
        }

        return _position;
    }

    private FramingException TooLarge() =>
        new(FramingFailure.TooLarge, string.Create(CultureInfo.InvariantCulture, $"Inbound message exceeds {_maxBytes} bytes."));

    /// <summary>Header length, payload length and child item count of the token at the start of <paramref name="s"/>; false when the header is incomplete.</summary>
    private static bool TryHeader(byte code, ReadOnlySpan<byte> s, out int header, out long payload, out long items)
    {
        header = 1;
        payload = 0;
        items = 0;
        switch (code)
        {
            case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3:
                return true;
            case >= 0x80 and <= 0x8f:
                items = 2L * (code & 0x0f);
                return true;
            case >= 0x90 and <= 0x9f:
                items = code & 0x0f;
                return true;
            case >= 0xa0 and <= 0xbf:
                payload = code & 0x1f;
                return true;
            case 0xc1:
                throw new FramingException(FramingFailure.InvalidFormat, "Inbound message holds the never-used format byte 0xc1.");
            case 0xc4 or 0xd9:
                return Length(s, 1, out header, out payload);
            case 0xc5 or 0xda:
                return Length(s, 2, out header, out payload);
            case 0xc6 or 0xdb:
                return Length(s, 4, out header, out payload);
            case 0xc7:
                if (!Length(s, 1, out header, out payload)) return false;
                header++;
                return true;
            case 0xc8:
                if (!Length(s, 2, out header, out payload)) return false;
                header++;
                return true;
            case 0xc9:
                if (!Length(s, 4, out header, out payload)) return false;
                header++;
                return true;
            case 0xca:
                payload = 4;
                return true;
            case 0xcb:
                payload = 8;
                return true;
            case 0xcc or 0xd0:
                payload = 1;
                return true;
            case 0xcd or 0xd1:
                payload = 2;
                return true;
            case 0xce or 0xd2:
                payload = 4;
                return true;
            case 0xcf or 0xd3:
                payload = 8;
                return true;
            case 0xd4:
                payload = 2;
                return true;
            case 0xd5:
                payload = 3;
                return true;
            case 0xd6:
                payload = 5;
                return true;
            case 0xd7:
                payload = 9;
                return true;
            case 0xd8:
                payload = 17;
                return true;
            case 0xdc:
                if (!Length(s, 2, out header, out items)) return false;
                return true;
            case 0xdd:
                if (!Length(s, 4, out header, out items)) return false;
                return true;
            case 0xde:
                if (!Length(s, 2, out header, out items)) return false;
                items *= 2;
                return true;
            default: // 0xdf
                if (!Length(s, 4, out header, out items)) return false;
                items *= 2;
                return true;
        }
    }

    private static bool Length(ReadOnlySpan<byte> s, int size, out int header, out long value)
    {
        header = 1 + size;
        value = 0;
        if (s.Length < header)
        {
            return false;
        }

        value = size switch
        {
            1 => s[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(s[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(s[1..]),
        };
        return true;
    }
}
