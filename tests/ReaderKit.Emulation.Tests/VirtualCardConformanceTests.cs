using System.Device.Gpio;
using System.Text;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using StockPn532 = Iot.Device.Pn532.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>The unmodified stock driver and raw frames against VCARD's VirtualMyNumberCard behind the emulator.</summary>
public class VirtualCardConformanceTests
{
    // Personalisation (test PKI keys) is the slow part: one immutable image, a fresh card object per test.
    private static readonly Lazy<CardImage> Image = new(() =>
        VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(TestTypeBCard.Pattern(11_000, 9))).Image);

    private static readonly (ApplicationKind Kind, ushort[] PublicFiles)[] Readable =
    [
        (ApplicationKind.Jpki, [0x0002, 0x000A, 0x000B]),
        (ApplicationKind.Text, [0x0004, 0x0005]),
        (ApplicationKind.Surface, [0x0003, 0x0004]),
    ];

    private static void ReadEverything(StockPn532 pn532, VirtualMyNumberCard card)
    {
        byte tg = StockDriverScenario.ListTypeB(pn532);
        foreach (var (kind, files) in Readable)
        {
            StockDriverScenario.Select(pn532, tg, MyNumberCardAids.Of(kind));
            foreach (ushort fid in files)
            {
                byte[] expected = card.Image.ReadFile(kind, fid);
                StockDriverScenario.SelectEf(pn532, tg, fid);
                Assert.Equal(expected, StockDriverScenario.ReadBinary(pn532, tg, expected.Length));
            }
        }

        StockDriverScenario.Select(pn532, tg, MyNumberCardAids.Of(ApplicationKind.Common));

        // Surface AP card face: VERIFY 照合番号B on EF 0012, then the ~11 KB EF 0002 in 0xFA chunks.
        StockDriverScenario.Select(pn532, tg, MyNumberCardAids.Of(ApplicationKind.Surface));
        StockDriverScenario.SelectEf(pn532, tg, 0x0012);
        byte[] numberB = Encoding.ASCII.GetBytes(card.Persona.VerificationNumberB);
        Assert.Equal([0x90, 0x00], StockDriverScenario.Transmit(pn532, tg, [0x00, 0x20, 0x00, 0x80, (byte)numberB.Length, .. numberB], 2));
        byte[] face = card.Image.ReadFile(ApplicationKind.Surface, 0x0002);
        StockDriverScenario.SelectEf(pn532, tg, 0x0002);
        Assert.Equal(face, StockDriverScenario.ReadBinary(pn532, tg, face.Length));
    }

    [Fact]
    public void Stock_driver_reads_the_virtual_card_over_i2c()
    {
        var card = new VirtualMyNumberCard(Image.Value);
        var chip = new Pn532Emulator();
        chip.Field.Insert(card);
        using var pn532 = new StockPn532(new Pn532I2cAttachment(chip));
        ReadEverything(pn532, card);
    }

    [Fact]
    public void Stock_driver_reads_the_virtual_card_over_spi()
    {
        var card = new VirtualMyNumberCard(Image.Value);
        var chip = new Pn532Emulator();
        chip.Field.Insert(card);
        var spi = new Pn532SpiAttachment(chip);
        using var gpio = new GpioController(spi.ChipSelectDriver);
        using var pn532 = new StockPn532(spi, Pn532SpiAttachment.DefaultChipSelectPin, gpio);
        ReadEverything(pn532, card);
    }

    [Fact]
    public void Raw_frames_read_258_bytes_in_an_extended_frame_and_long_answers_with_MI()
    {
        var card = new VirtualMyNumberCard(Image.Value);
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(card);
        byte tg = h.ListCard();
        Assert.Equal([0x00, 0x90, 0x00], h.Exchange([0x00, 0xA4, 0x04, 0x0C, 0x0A, .. MyNumberCardAids.Of(ApplicationKind.Jpki)], tg));
        Assert.Equal([0x00, 0x90, 0x00], h.Exchange([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A], tg));
        byte[] cert = card.Image.ReadFile(ApplicationKind.Jpki, 0x000A);

        // Le = 00: 256 bytes + SW in one extended frame (the harness checks the extended header and checksums).
        byte[] r = h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x00], tg);
        Assert.Equal(0x00, r[0]);
        Assert.Equal([.. cert[..256], 0x90, 0x00], r[1..]);

        // Extended Le = 1000: the PN532 hands out 262 bytes per frame with MI until the end.
        var data = new List<byte>();
        byte[] part = h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x00, 0x03, 0xE8], tg);
        while (part[0] == 0x40)
        {
            Assert.Equal(263, part.Length);
            data.AddRange(part[1..]);
            part = h.Exchange([], tg);
        }

        Assert.Equal(0x00, part[0]);
        data.AddRange(part[1..]);
        int n = Math.Min(1000, cert.Length);
        Assert.Equal([.. cert[..n], 0x90, 0x00], data.ToArray());
    }

    [Fact]
    public void Verify_executions_are_observable_per_key_with_their_effect_on_the_counter()
    {
        var card = new VirtualMyNumberCard(Image.Value);
        var seen = new List<VerifyExecution>();
        card.VerifyExecuted += (_, e) => seen.Add(e);
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(card);
        byte tg = h.ListCard();
        byte[] right = Encoding.ASCII.GetBytes(card.Persona.VerificationNumberB);
        byte[] wrong = Encoding.ASCII.GetBytes("99999999999999");
        Assert.Equal([0x00, 0x90, 0x00], h.Exchange([0x00, 0xA4, 0x04, 0x0C, 0x0A, .. MyNumberCardAids.Of(ApplicationKind.Surface)], tg));
        Assert.Equal([0x00, 0x90, 0x00], h.Exchange([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x12], tg));

        // Queries are not executions.
        Assert.Equal([0x00, 0x63, 0xCA], h.Exchange([0x00, 0x20, 0x00, 0x80], tg));
        Assert.Empty(seen);

        Assert.Equal([0x00, 0x63, 0xC9], h.Exchange([0x00, 0x20, 0x00, 0x80, (byte)wrong.Length, .. wrong], tg));
        Assert.Equal([0x00, 0x90, 0x00], h.Exchange([0x00, 0x20, 0x00, 0x80, (byte)right.Length, .. right], tg));
        Assert.Equal(
            [new VerifyExecution(ApplicationKind.Surface, 0x0012, false, 10, 9), new VerifyExecution(ApplicationKind.Surface, 0x0012, true, 9, 10)],
            seen);
        Assert.Equal(2, card.ExecutedValueVerifies(ApplicationKind.Surface, 0x0012));
        Assert.Equal(0, card.ExecutedValueVerifies(ApplicationKind.Text, 0x0015));
    }
}
