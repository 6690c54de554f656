using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Nfc.Tests;

/// <summary>ISO 14443-4 Type A: the entry decoder, the listing commands' bytes, and activation against the emulator.</summary>
public class TypeATests
{
    private static readonly byte[] JpkiAid = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];

    private static Pn532 Chip(ScriptedLink link) => new(link, new Pn532Options { AckTimeout = TimeSpan.FromMilliseconds(100), AbortDrainTime = TimeSpan.FromMilliseconds(10) });

    [Fact]
    public void Decodes_a_phone_entry_with_its_ats()
    {
        // An iPhone's InListPassiveTarget entry as a public PN532 driver logged it (after NbTg): Tg ATQA SAK len UID ATS.
        var entry = Convert.FromHexString("01" + "0004" + "20" + "04" + "086BF601" + "0578807002");
        var target = TypeATarget.Parse(entry, out var consumed);
        Assert.Equal(14, consumed);
        Assert.Equal(1, target.TargetNumber);
        Assert.Equal(IsoDepTechnology.TypeA, target.Technology);
        Assert.Equal(new byte[] { 0x00, 0x04 }, target.Atqa);
        Assert.Equal(0x20, target.Sak);
        Assert.True(target.IsIso14443Part4);
        Assert.Equal(Convert.FromHexString("086BF601"), target.Uid);
        Assert.True(target.HasRandomUid);
        Assert.Equal(Convert.FromHexString("0578807002"), target.Ats);
        Assert.Equal((byte)0x80, target.Ta);
        Assert.Equal((byte)0x70, target.Tb);
        Assert.Equal((byte)0x02, target.Tc);
        Assert.Equal(256, target.MaxFrameSize);
        Assert.Equal(7, target.Fwi);
        Assert.InRange(target.FrameWaitingTime.TotalMilliseconds, 38.6, 38.8);
        Assert.True(target.SupportsCid);
        Assert.False(target.SupportsNad);
        Assert.True(target.HistoricalBytes.IsEmpty);
    }

    [Fact]
    public void Decodes_a_seven_byte_uid_with_historical_bytes_and_iso_defaults()
    {
        // ATS with T0 = 0x75 (TA, TB, TC present, FSCI 5 = 64) and two historical bytes.
        var withHistory = TypeATarget.Parse(Convert.FromHexString("01" + "0044" + "20" + "07" + "04112233445566" + "0775778102C1A2"), out var consumed);
        Assert.Equal(1 + 2 + 1 + 1 + 7 + 7, consumed);
        Assert.Equal(7, withHistory.Uid.Length);
        Assert.False(withHistory.HasRandomUid);
        Assert.Equal(64, withHistory.MaxFrameSize);
        Assert.Equal(8, withHistory.Fwi);
        Assert.Equal(1, withHistory.Sfgi);
        Assert.Equal(new byte[] { 0xC1, 0xA2 }, withHistory.HistoricalBytes.ToArray());

        // No ATS (a MIFARE Classic): SAK 08 is not ISO 14443-4; ISO defaults apply to the absent ATS.
        var classic = TypeATarget.Parse(Convert.FromHexString("01" + "0004" + "08" + "04" + "DEADBEEF"), out _);
        Assert.False(classic.IsIso14443Part4);
        Assert.Empty(classic.Ats);
        Assert.Equal(32, classic.MaxFrameSize);
        Assert.Equal(4, classic.Fwi);
    }

    [Theory]
    [InlineData("01000420")]                          // truncated before the UID length
    [InlineData("0100042005DEADBEEF00")]             // UID length 5
    [InlineData("01000420" + "04" + "DEADBE")]         // UID shorter than announced
    [InlineData("01000420" + "04" + "DEADBEEF" + "0578")] // TL 5 but 2 ATS bytes
    [InlineData("01000420" + "04" + "DEADBEEF" + "00")]   // TL 0
    public void Refuses_malformed_entries(string hex) =>
        Assert.Throws<Pn532ProtocolException>(() => TypeATarget.Parse(Convert.FromHexString(hex), out _));

    [Fact]
    public async Task Lists_type_a_with_brty_zero_and_no_uid_filter()
    {
        var link = new ScriptedLink
        {
            OnCommand = (code, _) => [ScriptedLink.Ack, ScriptedLink.Answer(code, Convert.FromHexString("01" + "01000420" + "04086BF601" + "0578807002"))],
        };
        using var chip = Chip(link);
        var target = await chip.ListTypeATargetAsync();
        Assert.NotNull(target);
        Assert.Equal(new byte[] { 0x01, 0x00 }, link.CommandsWritten(0x4A).Single());
        Assert.Equal(7, target.Fwi);
    }

    [Fact]
    public async Task A_type_a_card_without_iso_dep_is_released_and_refused()
    {
        var link = new ScriptedLink
        {
            OnCommand = (code, _) => code == 0x4A
                ? [ScriptedLink.Ack, ScriptedLink.Answer(code, Convert.FromHexString("01" + "01000408" + "04DEADBEEF"))]
                : [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x00)],
        };
        using var chip = Chip(link);
        await Assert.ThrowsAsync<CardNotSupportedException>(() => chip.ListTypeATargetAsync());
        Assert.Equal(new byte[] { 0x01 }, link.CommandsWritten(0x52).Single());
        Assert.Empty(link.CommandsWritten(0x40));
    }

    [Fact]
    public async Task Iso_dep_polling_tries_type_b_then_type_a()
    {
        var link = new ScriptedLink
        {
            OnCommand = (code, p) => (code, p[1]) switch
            {
                (0x4A, 0x03) => [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x00)],
                (0x4A, 0x00) => [ScriptedLink.Ack, ScriptedLink.Answer(code, Convert.FromHexString("01" + "01000420" + "04086BF601" + "0578807002"))],
                _ => [ScriptedLink.Ack, ScriptedLink.Answer(code)],
            },
        };
        using var chip = Chip(link);
        var target = await chip.ListIsoDepTargetAsync();
        Assert.IsType<TypeATarget>(target);
        var polls = link.CommandsWritten(0x4A).ToList();
        Assert.Equal(2, polls.Count);
        Assert.Equal(new byte[] { 0x01, 0x03, 0x00 }, polls[0]);
        Assert.Equal(new byte[] { 0x01, 0x00 }, polls[1]);
    }

    [Theory]
    [InlineData(LinkKind.I2c)]
    [InlineData(LinkKind.Spi)]
    public async Task The_emulated_phone_answers_type_a_only_and_carries_apdus(LinkKind kind)
    {
        await using var reader = EmulatedReader.Create(kind);
        await reader.Chip.InitializeAsync();
        reader.Emulator.Field.Insert(VirtualMyNumberCard.Create(PersonaCatalog.Get("phone"), new SyntheticPortraitPhotoSource()));
        Assert.Null(await reader.Chip.ListTypeBTargetAsync());
        var target = Assert.IsType<TypeATarget>(await reader.Chip.ListIsoDepTargetAsync());
        Assert.Equal(new byte[] { 0x00, 0x04 }, target.Atqa);
        Assert.Equal(0x20, target.Sak);
        Assert.True(target.HasRandomUid);
        Assert.Equal(Convert.FromHexString("0578807002"), target.Ats);
        var channel = new Pn532ApduTransport(reader.Chip, target).CreateChannel(TimeSpan.FromSeconds(5));
        var select = await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, JpkiAid));
        Assert.True(select.StatusWord.IsSuccess);

        // The phone exposes the JPKI applet only.
        var surface = await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, new byte[] { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 }));
        Assert.Equal(0x6A82, surface.StatusWord.Value);
    }

    [Fact]
    public async Task The_plastic_card_answers_type_b_only()
    {
        await using var reader = EmulatedReader.Create(LinkKind.I2c);
        await reader.Chip.InitializeAsync();
        reader.Emulator.Field.Insert(VirtualMyNumberCard.Create(PersonaCatalog.Default, new SyntheticPortraitPhotoSource()));
        Assert.Null(await reader.Chip.ListTypeATargetAsync());
        Assert.IsType<TypeBTarget>(await reader.Chip.ListIsoDepTargetAsync());
    }

    [Fact]
    public async Task The_emulator_refuses_a_non_iso_dep_type_a_card()
    {
        await using var reader = EmulatedReader.Create(LinkKind.I2c);
        await reader.Chip.InitializeAsync();
        reader.Emulator.Field.Insert(new MifareLikeCard());
        await Assert.ThrowsAsync<CardNotSupportedException>(() => reader.Chip.ListIsoDepTargetAsync());
    }

    /// <summary>A Type A card whose SAK says "not ISO 14443-4" (a MIFARE Classic 1K: ATQA 00 04, SAK 08).</summary>
    private sealed class MifareLikeCard : ITypeACard
    {
        public byte[] Atqa => [0x00, 0x04];

        public byte Sak => 0x08;

        public byte[] Uid => [0xDE, 0xAD, 0xBE, 0xEF];

        public byte[] Ats => [];

        public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu) => throw new InvalidOperationException("no ISO-DEP");

        public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => TimeSpan.Zero;

        public void Deselect()
        {
        }

        public void FieldOff()
        {
        }
    }
}
