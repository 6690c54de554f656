namespace ReaderKit.Nfc;

/// <summary>
/// The PN532 host-interface frame codec (UM0701 §6.2): normal and extended information frames in both
/// directions, ACK, NACK and the error frame. Tolerates leading <c>00</c>/<c>55</c>/noise and optional pre/postambles.
/// </summary>
public static class Pn532Frame
{
    /// <summary>Frame identifier host → PN532.</summary>
    public const byte HostToChip = 0xD4;

    /// <summary>Frame identifier PN532 → host.</summary>
    public const byte ChipToHost = 0xD5;

    /// <summary>Largest LEN (TFI + PD) a normal frame carries.</summary>
    public const int MaxNormalLength = 255;

    /// <summary>Largest LEN (TFI + PD) the PN532 firmware accepts or sends (extended frame).</summary>
    public const int MaxLength = 265;

    /// <summary>Framing bytes around TFI+PD in a normal frame: preamble, start code (2), LEN, LCS, DCS, postamble.</summary>
    public const int NormalOverhead = 7;

    /// <summary>Framing bytes around TFI+PD in an extended frame.</summary>
    public const int ExtendedOverhead = 10;

    /// <summary>ACK frame bytes.</summary>
    public static ReadOnlySpan<byte> Ack => [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    /// <summary>NACK frame bytes.</summary>
    public static ReadOnlySpan<byte> Nack => [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    /// <summary>Total bytes on the wire for an information frame whose TFI+PD is <paramref name="length"/> bytes.</summary>
    public static int WireLength(int length) => length + (length > MaxNormalLength ? ExtendedOverhead : NormalOverhead);

    /// <summary>Encodes a host command frame <c>D4 command parameters…</c> (normal up to LEN 255, extended above).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frame would exceed the PN532's 265-byte limit.</exception>
    public static byte[] EncodeCommand(byte command, ReadOnlySpan<byte> parameters)
    {
        var data = new byte[parameters.Length + 2];
        try
        {
            data[0] = HostToChip;
            data[1] = command;
            parameters.CopyTo(data.AsSpan(2));
            return EncodeInformation(data);
        }
        finally
        {
            // The parameters may be card data (a VERIFY value): only the returned frame keeps a copy, for its owner to zero.
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(data);
        }
    }

    /// <summary>
    /// True when <paramref name="fromStartCode"/> (bytes from a <c>00 FF</c> start code on) begins like a chip → host
    /// information frame, checked as far as it goes: a normal header needs LEN, LCS (agreeing) and TFI <c>D5</c>; an
    /// extended header needs <c>FF FF</c> and LENM <c>01</c> (the chip's only extended lengths are 256–265), then LENL,
    /// LCS and TFI when present. Used to recognise an answer whose rest was cut (an ACK-sized I2C read) or corrupted:
    /// the chip only answers a command it took.
    /// </summary>
    public static bool StartsChipInformationFrame(ReadOnlySpan<byte> fromStartCode)
    {
        if (fromStartCode.Length < 5 || fromStartCode[0] != 0x00 || fromStartCode[1] != 0xFF)
        {
            return false;
        }

        byte b0 = fromStartCode[2], b1 = fromStartCode[3];
        if (b0 != 0xFF || b1 != 0xFF)
        {
            return b0 != 0 && (byte)(b0 + b1) == 0 && fromStartCode[4] == ChipToHost;
        }

        if (fromStartCode[4] != 0x01)
        {
            return false;
        }

        if (fromStartCode.Length > 5 && ((0x01 << 8) | fromStartCode[5]) is <= MaxNormalLength or > MaxLength)
        {
            return false;
        }

        if (fromStartCode.Length > 6 && (byte)(fromStartCode[4] + fromStartCode[5] + fromStartCode[6]) != 0)
        {
            return false;
        }

        return fromStartCode.Length <= 7 || fromStartCode[7] == ChipToHost;
    }

    /// <summary>Encodes an information frame around <paramref name="tfiAndData"/> (TFI first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Empty, or longer than 265 bytes.</exception>
    public static byte[] EncodeInformation(ReadOnlySpan<byte> tfiAndData)
    {
        var length = tfiAndData.Length;
        if (length is 0 or > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(tfiAndData), length, "A PN532 frame carries 1..265 bytes (TFI + data).");
        }

        var extended = length > MaxNormalLength;
        var frame = new byte[WireLength(length)];
        frame[0] = 0x00;
        frame[1] = 0x00;
        frame[2] = 0xFF;
        var i = 3;
        if (extended)
        {
            frame[i++] = 0xFF;
            frame[i++] = 0xFF;
            frame[i++] = (byte)(length >> 8);
            frame[i++] = (byte)length;
            frame[i++] = (byte)(0 - (length >> 8) - (length & 0xFF));
        }
        else
        {
            frame[i++] = (byte)length;
            frame[i++] = (byte)(0 - length);
        }

        byte sum = 0;
        foreach (var b in tfiAndData)
        {
            frame[i++] = b;
            sum += b;
        }

        frame[i++] = (byte)(0 - sum);
        frame[i] = 0x00;
        return frame;
    }

    /// <summary>
    /// Scans <paramref name="buffer"/> for the first frame. Bytes before the start code are skipped. Never throws.
    /// </summary>
    public static Pn532ParseResult Parse(ReadOnlySpan<byte> buffer)
    {
        var start = buffer.IndexOf((ReadOnlySpan<byte>)[0x00, 0xFF]);
        if (start < 0)
        {
            // Keep a trailing 00: it may be the first half of a start code.
            var skip = buffer.Length > 0 && buffer[^1] == 0x00 ? buffer.Length - 1 : buffer.Length;
            return new(Pn532ParseStatus.NoStartCode, default, -1, skip, 0, null);
        }

        var h = start + 2;
        if (buffer.Length < h + 2)
        {
            return Incomplete(start, h + 2);
        }

        byte b0 = buffer[h], b1 = buffer[h + 1];
        if (b0 == 0x00 && b1 == 0xFF)
        {
            return new(Pn532ParseStatus.Complete, Pn532FrameKind.Ack, start, h + 2, 0, null);
        }

        if (b0 == 0xFF && b1 == 0x00)
        {
            return new(Pn532ParseStatus.Complete, Pn532FrameKind.Nack, start, h + 2, 0, null);
        }

        int length, dataStart;
        if (b0 == 0xFF && b1 == 0xFF)
        {
            if (buffer.Length < h + 5)
            {
                return Incomplete(start, h + 5);
            }

            length = (buffer[h + 2] << 8) | buffer[h + 3];
            if ((byte)(buffer[h + 2] + buffer[h + 3] + buffer[h + 4]) != 0 || length is 0 or > MaxLength)
            {
                return new(Pn532ParseStatus.BadLengthChecksum, default, start, start + 2, 0, null);
            }

            dataStart = h + 5;
        }
        else
        {
            length = b0;
            if ((byte)(b0 + b1) != 0 || length == 0)
            {
                return new(Pn532ParseStatus.BadLengthChecksum, default, start, start + 2, 0, null);
            }

            dataStart = h + 2;
        }

        var end = dataStart + length + 1;
        if (buffer.Length < end)
        {
            return Incomplete(start, end);
        }

        var data = buffer.Slice(dataStart, length);
        byte sum = buffer[end - 1];
        foreach (var b in data)
        {
            sum += b;
        }

        if (sum != 0)
        {
            return new(Pn532ParseStatus.BadDataChecksum, default, start, end, 0, null);
        }

        var kind = length == 1 && data[0] == 0x7F ? Pn532FrameKind.Error : Pn532FrameKind.Information;
        return new(Pn532ParseStatus.Complete, kind, start, end, 0, data.ToArray());
    }

    private static Pn532ParseResult Incomplete(int start, int needed) => new(Pn532ParseStatus.Incomplete, default, start, start, needed, null);
}
