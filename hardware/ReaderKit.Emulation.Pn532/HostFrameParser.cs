namespace ReaderKit.Emulation.Pn532;

/// <summary>What the chip's frame receiver recognised in the host's bytes.</summary>
internal enum HostFrameKind
{
    /// <summary>An information frame with TFI D4 and a valid checksum.</summary>
    Command,

    /// <summary>Host ACK: abort the running command.</summary>
    Ack,

    /// <summary>Host NACK: resend the last response.</summary>
    Nack,

    /// <summary>LCS or DCS wrong: the chip stays silent.</summary>
    ChecksumError,

    /// <summary>Well-formed but unacceptable (LEN &gt; 265, wrong TFI, no command byte): error frame.</summary>
    SyntaxError,
}

/// <summary>One unit recognised by <see cref="HostFrameParser"/>; <see cref="Data"/> is TFI + PD for commands.</summary>
internal readonly record struct HostFrame(HostFrameKind Kind, byte[] Data);

/// <summary>
/// The PN532's receive state machine over a host byte stream: skips leading bytes (00/55 wake-up, garbage) until a
/// <c>00 FF</c> start code, accepts frames with or without preamble/postamble, normal and extended.
/// Never throws on any input.
/// </summary>
internal sealed class HostFrameParser
{
    private readonly List<byte> _buffer = [];
    private int _skip;

    /// <summary>Bytes waiting for the rest of a frame.</summary>
    public int Pending => _buffer.Count;

    /// <summary>Drops a partial frame (end of an I2C/SPI transaction, chip reset).</summary>
    public void Clear()
    {
        _buffer.Clear();
        _skip = 0;
    }

    /// <summary>Feeds bytes and returns every complete unit recognised.</summary>
    public List<HostFrame> Feed(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<HostFrame>();
        foreach (byte b in bytes)
        {
            if (_skip > 0)
            {
                _skip--;
                continue;
            }

            _buffer.Add(b);
        }

        while (TryParseOne(out var frame))
        {
            if (frame is { } f)
            {
                frames.Add(f);
            }
        }

        return frames;
    }

    // Returns false when more bytes are needed; true with a null frame when bytes were discarded.
    private bool TryParseOne(out HostFrame? frame)
    {
        frame = null;
        int start = FindStartCode();
        if (start < 0)
        {
            // Keep a trailing 00 that may begin a start code.
            bool keepLast = _buffer.Count > 0 && _buffer[^1] == 0x00;
            int drop = keepLast ? _buffer.Count - 1 : _buffer.Count;
            _buffer.RemoveRange(0, drop);
            return false;
        }

        if (start > 0)
        {
            _buffer.RemoveRange(0, start);
        }

        // _buffer[0..1] = 00 FF
        if (_buffer.Count < 4)
        {
            return false;
        }

        byte len = _buffer[2];
        byte lcs = _buffer[3];
        if (len == 0x00 && lcs == 0xFF)
        {
            _buffer.RemoveRange(0, 4);
            frame = new HostFrame(HostFrameKind.Ack, []);
            return true;
        }

        if (len == 0xFF && lcs == 0x00)
        {
            _buffer.RemoveRange(0, 4);
            frame = new HostFrame(HostFrameKind.Nack, []);
            return true;
        }

        int headerLength;
        int dataLength;
        if (len == 0xFF && lcs == 0xFF)
        {
            if (_buffer.Count < 7)
            {
                return false;
            }

            byte lenM = _buffer[4];
            byte lenL = _buffer[5];
            byte elcs = _buffer[6];
            if (((lenM + lenL + elcs) & 0xFF) != 0)
            {
                _buffer.RemoveRange(0, 7);
                frame = new HostFrame(HostFrameKind.ChecksumError, []);
                return true;
            }

            headerLength = 7;
            dataLength = (lenM << 8) | lenL;
            if (dataLength > Pn532Frames.MaxHostFrameLength || dataLength == 0)
            {
                // The firmware refuses the frame from its header; the rest of it (data + DCS) is skipped.
                int total = headerLength + dataLength + 1;
                int available = Math.Min(total, _buffer.Count);
                _buffer.RemoveRange(0, available);
                _skip = total - available;
                frame = new HostFrame(HostFrameKind.SyntaxError, []);
                return true;
            }
        }
        else
        {
            if (((len + lcs) & 0xFF) != 0)
            {
                _buffer.RemoveRange(0, 4);
                frame = new HostFrame(HostFrameKind.ChecksumError, []);
                return true;
            }

            headerLength = 4;
            dataLength = len;
        }

        if (_buffer.Count < headerLength + dataLength + 1)
        {
            return false;
        }

        var data = new byte[dataLength];
        int sum = 0;
        for (int i = 0; i < dataLength; i++)
        {
            data[i] = _buffer[headerLength + i];
            sum += data[i];
        }

        byte dcs = _buffer[headerLength + dataLength];
        _buffer.RemoveRange(0, headerLength + dataLength + 1);
        if (((sum + dcs) & 0xFF) != 0)
        {
            frame = new HostFrame(HostFrameKind.ChecksumError, []);
            return true;
        }

        frame = data.Length < 2 || data[0] != Pn532Frames.HostToChip
            ? new HostFrame(HostFrameKind.SyntaxError, [])
            : new HostFrame(HostFrameKind.Command, data);
        return true;
    }

    private int FindStartCode()
    {
        for (int i = 0; i + 1 < _buffer.Count; i++)
        {
            if (_buffer[i] == 0x00 && _buffer[i + 1] == 0xFF)
            {
                return i;
            }
        }

        return -1;
    }
}
