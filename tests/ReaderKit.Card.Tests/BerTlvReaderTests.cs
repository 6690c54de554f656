using CsCheck;
using ReaderKit.Card;
using ReaderKit.Card.Tlv;
using Xunit;

namespace ReaderKit.Card.Tests;

public sealed class BerTlvReaderTests
{
    private static readonly Gen<int> Tag = Gen.OneOf(
        Gen.Int[0x01, 0x1E].Select(t => t | 0x80),
        Gen.Int[0x01, 0x7F].Select(t => 0xDF00 | t),
        Gen.Int[0x01, 0x7F].Select(t => 0xFF00 | t),
        Gen.Const(0x5F4E),
        Gen.Const(0x7F21),
        Gen.Int[0x01, 0x7F].Select(t => 0xDF8100 | t));

    private static readonly Gen<(int Tag, byte[] Value)[]> Objects =
        Gen.Select(Tag, Gen.Byte.Array[0, 300]).Array[0, 6];

    [Fact]
    public void Encode_then_read_round_trips()
    {
        Objects.Sample(objects =>
        {
            var bytes = objects.SelectMany(o => BerTlvReader.Encode(o.Tag, o.Value)).ToArray();
            var read = BerTlvReader.ReadSequence(bytes, 0, bytes.Length);
            Assert.Equal(objects.Length, read.Count);
            for (var i = 0; i < objects.Length; i++)
            {
                Assert.Equal(objects[i].Tag, read[i].Tag);
                Assert.Equal(objects[i].Value, read[i].Value(bytes).ToArray());
            }
        });
    }

    [Fact]
    public void Arbitrary_bytes_never_crash_or_read_out_of_range()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            if (BerTlvReader.TryRead(bytes, 0, out var element, out var error))
            {
                Assert.True(element.End <= bytes.Length);
                Assert.Null(error);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }

            try
            {
                BerTlvReader.ReadSequence(bytes, 0, bytes.Length, allowFiller: true);
            }
            catch (CardDataFormatException)
            {
                // the only failure allowed
            }
        });
    }

    [Fact]
    public void Any_truncation_of_a_valid_object_is_rejected()
    {
        Gen.Select(Tag, Gen.Byte.Array[1, 300], Gen.Int[1, 1000]).Sample((tag, value, cut) =>
        {
            var bytes = BerTlvReader.Encode(tag, value);
            var shortened = bytes.AsSpan(0, cut % bytes.Length).ToArray();
            Assert.False(BerTlvReader.TryRead(shortened, 0, out _, out _));
        });
    }

    [Fact]
    public void Find_outer_skips_leading_bytes_but_requires_a_well_formed_object()
    {
        Gen.Select(Gen.Int[0, 16], Gen.Byte.Array[0, 200]).Sample((leading, value) =>
        {
            var file = new byte[leading].Concat(BerTlvReader.Encode(0xFF20, value)).ToArray();
            var outer = BerTlvReader.FindOuter(file, 0xFF20);
            Assert.Equal(0xFF20, outer.Tag);
            Assert.True(outer.Start <= leading);
            Assert.Equal(value.Length, file.Length - outer.ValueStart - (leading - outer.Start) + (leading - outer.Start) - (file.Length - outer.End));
        });
    }

    [Theory]
    [InlineData("DF2180")]          // indefinite length
    [InlineData("DF218401000000")]  // 4-byte length field
    [InlineData("DF")]              // truncated tag
    [InlineData("DF21")]            // no length
    [InlineData("DF21820100")]      // value missing
    [InlineData("DFFFFFFF0100")]    // 4-byte tag
    public void Malformed_encodings_are_typed_errors(string hex)
    {
        Assert.Throws<CardDataFormatException>(() => BerTlvReader.Read(Convert.FromHexString(hex), 0));
    }

    [Fact]
    public void Lengths_use_the_minimal_definite_forms()
    {
        Assert.Equal("7F", Convert.ToHexString(BerTlvReader.EncodeLength(0x7F)));
        Assert.Equal("8180", Convert.ToHexString(BerTlvReader.EncodeLength(0x80)));
        Assert.Equal("820100", Convert.ToHexString(BerTlvReader.EncodeLength(0x100)));
        Assert.Equal("83010000", Convert.ToHexString(BerTlvReader.EncodeLength(0x10000)));
    }
}
