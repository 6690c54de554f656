using System.Text;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// One fidelity row's view of a card: raw APDUs in, raw R-APDUs out, the ATR the reader reports, and a power cycle. Two
/// runners implement it — the APDU transport integrators use (<see cref="IApduTransport"/>) and PC/SC through vpcd + pcscd —
/// so every row runs unchanged on both.
/// </summary>
internal abstract class FidelityScript(CardImage image, VirtualMyNumberCard card)
{
    public const string Surface = "D3921000310001010402";
    public const string Text = "D3921000310001010408";
    public const string Jpki = "D392F000260100000001";
    public const string Juki = "D3921000310001010401";
    public const string Common = "D3921000310001010100";
    public const string IssuerSecurityDomain = "A0000001510000";

    /// <summary>The personalised contents (expected bytes for assertions).</summary>
    public CardImage Image { get; } = image;

    /// <summary>The card object behind the reader (its persona's secrets drive VERIFY).</summary>
    public VirtualMyNumberCard Card { get; } = card;

    public Persona Persona => Image.Persona;

    /// <summary>The ATR the reader reports for the card.</summary>
    public abstract byte[] Atr { get; }

    /// <summary>Sends one C-APDU, returns the R-APDU (data ‖ SW1 SW2).</summary>
    public abstract Task<byte[]> TransmitAsync(byte[] apdu);

    /// <summary>Power-cycles the card (volatile state cleared, as when it leaves the field).</summary>
    public abstract Task ResetAsync();

    public Task<byte[]> Send(string hex) => TransmitAsync(Hex.Bytes(hex));

    /// <summary>Sends an APDU and asserts its status word; returns the data.</summary>
    public async Task<byte[]> Expect(string hex, string sw) => Check(await Send(hex), sw, hex);

    public async Task<byte[]> Expect(byte[] apdu, string sw) => Check(await TransmitAsync(apdu), sw, Hex.Of(apdu));

    public Task SelectAid(string aid) => Expect($"00A4040C{aid.Length / 2:X2}{aid}", "9000");

    public Task Select(ApplicationKind kind) => SelectAid(kind switch
    {
        ApplicationKind.Surface => Surface,
        ApplicationKind.Text => Text,
        ApplicationKind.Jpki => Jpki,
        ApplicationKind.Juki => Juki,
        _ => Common,
    });

    public Task SelectEf(ushort fid) => Expect($"00A4020C02{fid:X4}", "9000");

    /// <summary>SELECT the key EF, then VERIFY <paramref name="secret"/> (ASCII) and assert the answer.</summary>
    public async Task Verify(ushort keyFid, string secret, string sw = "9000")
    {
        await SelectEf(keyFid);
        await Expect(VerifyApdu(0x80, secret), sw);
    }

    public static byte[] VerifyApdu(byte p2, string secret)
    {
        var data = Encoding.ASCII.GetBytes(secret);
        return [0x00, 0x20, 0x00, p2, (byte)data.Length, .. data];
    }

    /// <summary>
    /// SELECTs <paramref name="fid"/> and reads it to the end — every byte, filler included: one READ BINARY with extended Le
    /// 0000 on a card with extended length (fewer exchanges through PC/SC), else 256-byte short reads.
    /// </summary>
    public async Task<byte[]> ReadPhysical(ushort fid)
    {
        await SelectEf(fid);
        if (Card.Profile.ExtendedLength)
        {
            return await Expect("00B00000000000", "9000");
        }

        var result = new List<byte>();
        while (true)
        {
            var r = await TransmitAsync([0x00, 0xB0, (byte)(result.Count >> 8), (byte)result.Count, 0x00]);
            if (r.Sw() == 0x6B00)
            {
                return [.. result];
            }

            Assert.Equal("9000", r.SwHex());
            result.AddRange(r.Data());
            if (r.Data().Length < 256)
            {
                return [.. result];
            }
        }
    }

    /// <summary>SELECTs <paramref name="fid"/> and reads the object it holds (TLV or DER), stopping at the object's end.</summary>
    public async Task<byte[]> ReadObject(ushort fid)
    {
        var physical = await ReadPhysical(fid);
        return physical[..TlvNode.ParseOne(physical).TotalLength];
    }

    private static byte[] Check(byte[] response, string sw, string apdu)
    {
        if (response.Length < 2 || response.SwHex() != sw)
        {
            throw new Xunit.Sdk.XunitException($"{apdu}: expected {sw}, the card answered {(response.Length < 2 ? Hex.Of(response) : response.SwHex())}");
        }

        return response.Data();
    }
}
