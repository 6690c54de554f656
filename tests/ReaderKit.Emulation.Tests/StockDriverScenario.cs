using Iot.Device.Card;
using Iot.Device.Pn532;
using StockPn532 = Iot.Device.Pn532.Pn532;
using Iot.Device.Pn532.ListPassive;
using Iot.Device.Pn532.RfConfiguration;

namespace ReaderKit.Emulation.Tests;

/// <summary>What the unmodified Iot.Device.Pn532 4.2.0 driver does against the emulator, shared by every link.</summary>
internal static class StockDriverScenario
{
    public static byte ListTypeB(StockPn532 pn532)
    {
        Assert.NotNull(pn532.FirmwareVersion);
        Assert.True(pn532.FirmwareVersion!.IsPn532);
        Assert.Equal(new Version(1, 6), pn532.FirmwareVersion.Version);
        Assert.True(pn532.FirmwareVersion.VersionSupported.HasFlag(Iot.Device.Pn532.VersionSupported.IsoIec14443TypeB));
        Assert.True(pn532.SetMaxRetriesInitialization(new MaxRetriesMode { MaxRetryPassiveActivation = 0x02 }));
        byte[]? listed = pn532.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeB, [0x00]);
        Assert.NotNull(listed);
        Assert.Equal(0x01, listed![0]);
        var decoded = pn532.TryDecodeData106kbpsTypeB(listed.AsSpan(1));
        Assert.NotNull(decoded);
        return decoded!.TargetNumber;
    }

    /// <summary>
    /// Over the pty the stock driver can lose an answer when the machine is loaded (its 89 ms serial timeout and
    /// single unlooped Read, B6); <paramref name="attempts"/> &gt; 1 resends the same (idempotent) command.
    /// </summary>
    public static byte[] Transmit(StockPn532 pn532, byte tg, byte[] apdu, int expectedLength, int attempts = 1)
    {
        var rx = new byte[expectedLength];
        int n = -1;
        for (int i = 0; i < attempts && n != expectedLength; i++)
        {
            n = pn532.Transceive(tg, apdu, rx, NfcProtocol.Iso14443_4);
        }

        Assert.Equal(expectedLength, n);
        return rx;
    }

    public static void Select(StockPn532 pn532, byte tg, byte[] aid, int attempts = 1)
    {
        byte[] r = Transmit(pn532, tg, [0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid], 2, attempts);
        Assert.Equal([0x90, 0x00], r);
    }

    public static void SelectEf(StockPn532 pn532, byte tg, ushort ef, int attempts = 1)
    {
        byte[] r = Transmit(pn532, tg, [0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(ef >> 8), (byte)ef], 2, attempts);
        Assert.Equal([0x90, 0x00], r);
    }

    /// <summary>READ BINARY in chunks of at most 0xFA (the stock driver's limit, B1) until <paramref name="length"/> bytes.</summary>
    public static byte[] ReadBinary(StockPn532 pn532, byte tg, int length, int chunk = 0xFA, int attempts = 1)
    {
        var data = new List<byte>();
        while (data.Count < length)
        {
            int le = Math.Min(chunk, length - data.Count);
            byte[] r = Transmit(pn532, tg, [0x00, 0xB0, (byte)(data.Count >> 8), (byte)data.Count, (byte)le], le + 2, attempts);
            Assert.Equal([0x90, 0x00], r[^2..]);
            data.AddRange(r[..^2]);
        }

        return [.. data];
    }

    /// <summary>Firmware, SAM, listing, SELECT of both test APs and full READ BINARY of their files.</summary>
    public static void ReadTestCard(StockPn532 pn532, TestTypeBCard card, int chunk = 0xFA, int attempts = 1)
    {
        byte tg = ListTypeB(pn532);
        foreach (var (aid, ef, length) in new[] { ("D392F000260100000001", (ushort)0x0001, 600), ("D3921000310001010408", (ushort)0x0002, 3000) })
        {
            Select(pn532, tg, Convert.FromHexString(aid), attempts);
            SelectEf(pn532, tg, ef, attempts);
            Assert.Equal(card.File(aid, ef), ReadBinary(pn532, tg, length, chunk, attempts));
        }
    }
}
