using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>Raw byte access to an emulator: write host bytes, collect chip frames.</summary>
internal sealed class ChipHarness
{
    public ChipHarness(Pn532EmulatorOptions? options = null, bool samConfigured = true, bool withCard = true)
    {
        Chip = new Pn532Emulator(options);
        Card = new TestTypeBCard();
        if (withCard)
        {
            Chip.Field.Insert(Card);
        }

        if (samConfigured)
        {
            Assert.Equal([Ack, Response(0x14, [])], Command(0x14, 0x01, 0x14, 0x01));
        }
    }

    public static byte[] Ack => Pn532Frames.Ack();

    public Pn532Emulator Chip { get; }

    public TestTypeBCard Card { get; }

    public static byte[] Response(byte command, byte[] payload) => Pn532Frames.ChipResponse(command, payload);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Sends raw bytes as one transaction and returns every frame that is ready afterwards.</summary>
    public List<byte[]> Raw(byte[] bytes, bool endOfTransaction = true)
    {
        Chip.Receive(bytes, Pn532Interface.I2c, endOfTransaction);
        return Drain();
    }

    public List<byte[]> Drain()
    {
        var frames = new List<byte[]>();
        while (Chip.TryTakeFrame() is { } f)
        {
            frames.Add(f);
        }

        return frames;
    }

    public List<byte[]> Command(byte command, params byte[] parameters) => Raw(Pn532Frames.HostCommand(command, parameters));

    /// <summary>Sends a command and returns the response payload (after D5 cmd+1) after checking ACK + frame shape.</summary>
    public byte[] Call(byte command, params byte[] parameters)
    {
        var frames = Command(command, parameters);
        Assert.Equal(2, frames.Count);
        Assert.Equal(Ack, frames[0]);
        return Payload(command, frames[1]);
    }

    public static byte[] Payload(byte command, byte[] frame)
    {
        // Decode a normal or extended information frame with preamble, checking every checksum.
        Assert.Equal(0x00, frame[0]);
        Assert.Equal(0x00, frame[1]);
        Assert.Equal(0xFF, frame[2]);
        int len;
        int start;
        if (frame[3] == 0xFF && frame[4] == 0xFF)
        {
            len = (frame[5] << 8) | frame[6];
            Assert.Equal(0, (frame[5] + frame[6] + frame[7]) & 0xFF);
            start = 8;
        }
        else
        {
            len = frame[3];
            Assert.Equal(0, (frame[3] + frame[4]) & 0xFF);
            start = 5;
        }

        Assert.Equal(start + len + 2, frame.Length);
        int sum = 0;
        for (int i = 0; i <= len; i++)
        {
            sum += frame[start + i];
        }

        Assert.Equal(0, sum & 0xFF);
        Assert.Equal(0xD5, frame[start]);
        Assert.Equal(command + 1, frame[start + 1]);
        Assert.Equal(0x00, frame[^1]);
        return frame.AsSpan(start + 2, len - 2).ToArray();
    }

    /// <summary>Type B listing with bounded retries; returns the Tg.</summary>
    public byte ListCard()
    {
        Call(0x32, 0x05, 0xFF, 0x01, 0x02);
        byte[] r = Call(0x4A, 0x01, 0x03, 0x00);
        Assert.Equal(0x01, r[0]);
        return r[1];
    }

    public byte[] Exchange(byte[] apdu, byte tg = 1)
    {
        byte[] r = Call(0x40, [tg, .. apdu]);
        return r;
    }
}
