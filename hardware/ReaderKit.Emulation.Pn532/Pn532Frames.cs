namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// Builders for the frames the PN532 sends (UM0701-02 §6.2): information frames (normal up to LEN 255,
/// extended above), ACK and the application-level error frame. Every call returns a fresh array.
/// </summary>
public static class Pn532Frames
{
    /// <summary>TFI of a host → PN532 frame.</summary>
    public const byte HostToChip = 0xD4;

    /// <summary>TFI of a PN532 → host frame.</summary>
    public const byte ChipToHost = 0xD5;

    /// <summary>Largest LEN (TFI + PD) the firmware accepts from the host (AN10449: 265 bytes).</summary>
    public const int MaxHostFrameLength = 265;

    /// <summary>Largest DataIn / DataOut of InDataExchange in one frame (UM §7.3.8).</summary>
    public const int MaxDataPerFrame = 262;

    /// <summary><c>00 00 FF 00 FF 00</c>.</summary>
    public static byte[] Ack() => [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    /// <summary><c>00 00 FF FF 00 00</c> (host → PN532: resend the last response).</summary>
    public static byte[] Nack() => [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    /// <summary><c>00 00 FF 01 FF 7F 81 00</c>: unknown command or bad syntax.</summary>
    public static byte[] ErrorFrame() => [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];

    /// <summary>
    /// Builds an information frame around <paramref name="tfiAndData"/> (TFI, PD0…PDn): a normal frame when it is
    /// at most 255 bytes, an extended frame otherwise. <paramref name="prePostAmble"/> false omits the 00 preamble
    /// and postamble (SetParameters flag 0x40).
    /// </summary>
    public static byte[] Information(ReadOnlySpan<byte> tfiAndData, bool prePostAmble = true)
    {
        int len = tfiAndData.Length;
        if (len is 0 or > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(tfiAndData), "An information frame carries 1..65535 bytes.");
        }

        bool extended = len > 255;
        int pre = prePostAmble ? 1 : 0;
        int header = extended ? 2 + 5 : 2 + 2;
        var frame = new byte[pre + header + len + 1 + pre];
        int i = 0;
        if (prePostAmble)
        {
            frame[i++] = 0x00;
        }

        frame[i++] = 0x00;
        frame[i++] = 0xFF;
        if (extended)
        {
            frame[i++] = 0xFF;
            frame[i++] = 0xFF;
            byte lenM = (byte)(len >> 8);
            byte lenL = (byte)len;
            frame[i++] = lenM;
            frame[i++] = lenL;
            frame[i++] = (byte)(0x100 - ((lenM + lenL) & 0xFF));
        }
        else
        {
            frame[i++] = (byte)len;
            frame[i++] = (byte)(0x100 - len);
        }

        int sum = 0;
        foreach (byte b in tfiAndData)
        {
            frame[i++] = b;
            sum += b;
        }

        frame[i++] = (byte)(0x100 - (sum & 0xFF));
        if (prePostAmble)
        {
            frame[i] = 0x00;
        }

        return frame;
    }

    /// <summary>A host command frame <c>D4 cmd params</c> with preamble and postamble (as libnfc sends it).</summary>
    public static byte[] HostCommand(byte command, ReadOnlySpan<byte> parameters)
    {
        var data = new byte[2 + parameters.Length];
        data[0] = HostToChip;
        data[1] = command;
        parameters.CopyTo(data.AsSpan(2));
        return Information(data);
    }

    /// <summary>A chip response frame <c>D5 cmd+1 payload</c>.</summary>
    public static byte[] ChipResponse(byte command, ReadOnlySpan<byte> payload, bool prePostAmble = true)
    {
        var data = new byte[2 + payload.Length];
        data[0] = ChipToHost;
        data[1] = (byte)(command + 1);
        payload.CopyTo(data.AsSpan(2));
        return Information(data, prePostAmble);
    }
}
