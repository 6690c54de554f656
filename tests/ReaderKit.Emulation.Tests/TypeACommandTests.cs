using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>InListPassiveTarget 106 kbps Type A and ISO-DEP over a Type A target, byte for byte.</summary>
public sealed class TypeACommandTests
{
    private static byte[] Hex(string hex) => ChipHarness.Hex(hex);

    [Fact]
    public void An_iso_dep_type_a_card_is_listed_with_its_ats_and_carries_apdus()
    {
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(new TypeACard(0x20));
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x00));
        Assert.Equal(Hex("01 01 0004 20 04 08A1B2C3 0578807002"), h.Call(0x4A, 0x01, 0x00));
        Assert.Equal(Hex("00 CAFE 9000"), h.Call(0x40, 0x01, 0x00, 0xA4, 0x04, 0x00));
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x03, 0x00)); // a Type A card does not answer Type B polling
    }

    [Fact]
    public void A_type_a_card_without_iso_dep_is_listed_without_ats_and_cannot_exchange()
    {
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(new TypeACard(0x08));
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x00));
        Assert.Equal(Hex("01 01 0004 08 04 08A1B2C3"), h.Call(0x4A, 0x01, 0x00));
        Assert.NotEqual(0x00, h.Call(0x40, 0x01, 0x00, 0xA4, 0x04, 0x00)[0] & 0x3F);
    }

    [Fact]
    public void An_initiator_uid_selects_only_that_card()
    {
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(new TypeACard(0x20));
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x00));
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00));
        Assert.Equal(0x01, h.Call(0x4A, 0x01, 0x00, 0x08, 0xA1, 0xB2, 0xC3)[0]);
    }

    private sealed class TypeACard(byte sak) : ITypeACard
    {
        public byte[] Atqa => [0x00, 0x04];

        public byte Sak => sak;

        public byte[] Uid => [0x08, 0xA1, 0xB2, 0xC3];

        public byte[] Ats => [0x05, 0x78, 0x80, 0x70, 0x02];

        public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu) => [0xCA, 0xFE, 0x90, 0x00];

        public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => TimeSpan.FromMilliseconds(1);

        public void Deselect()
        {
        }

        public void FieldOff()
        {
        }
    }
}
