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
    public void Find_outer_skips_leading_bytes_and_returns_the_exact_object()
    {
        Gen.Select(Gen.Int[0, 16], Gen.Byte.Array[0, 200]).Sample((leading, value) =>
        {
            var file = new byte[leading].Concat(BerTlvReader.Encode(0xFF20, value)).ToArray();
            var outer = BerTlvReader.FindOuter(file, 0xFF20);
            Assert.Equal(0xFF20, outer.Tag);
            Assert.Equal(leading, outer.Start);
            Assert.Equal(value, outer.Value(file).ToArray());
            Assert.Equal(file.Length, outer.End);
        });
    }

    /// <summary>Malformed outer objects, each after 0–3 leading bytes: every one is a typed error that names the tag.</summary>
    public static TheoryData<string, string> MalformedOuter() => new()
    {
        { "FF20", "truncated: no length" },
        { "FF2005DF2102", "truncated: value shorter than the length" },
        { "FF2082", "truncated: length field cut" },
        { "FF208201", "truncated: length field cut after one byte" },
        { "FF2083FFFFFF00", "overlong: 16 MiB claimed in a 7-byte buffer" },
        { "FF20820100" + "00", "overlong: 256 claimed, 1 present" },
        { "FF2084000000010A", "overlong: 4-byte length field" },
        { "FF2080DF210100", "indefinite length (80)" },
        { "FF208000000000", "indefinite length with end-of-contents" },
    };

    [Theory]
    [MemberData(nameof(MalformedOuter))]
    public void A_malformed_outer_object_is_a_typed_error_never_a_partial_result(string hex, string why)
    {
        foreach (var leading in new[] { 0, 1, 3 })
        {
            var file = new byte[leading].Concat(Convert.FromHexString(hex)).ToArray();
            var ex = Assert.Throws<CardDataFormatException>(() => BerTlvReader.FindOuter(file, 0xFF20));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
            Assert.False(BerTlvReader.TryRead(file, leading, out _, out var error), why);
            Assert.Contains("FF20", error!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("FF2006" + "DF2105010203", "child claims 5, the parent holds 3")]
    [InlineData("FF2004" + "DF2180" + "00", "child with indefinite length")]
    [InlineData("FF2003" + "DF2104", "child without its value")]
    [InlineData("FF2002" + "DF21", "child without a length")]
    [InlineData("FF2001" + "DF", "child tag cut")]
    [InlineData("FF2005" + "DFFFFF0100", "child tag longer than 3 bytes")]
    [InlineData("FF2003" + "DF2101" + "00" + "DF220100", "child value lies past the parent, in the next object")]
    public void A_malformed_child_is_a_typed_error_and_never_read_past_its_parent(string hex, string why)
    {
        var bytes = Convert.FromHexString(hex);
        var parent = BerTlvReader.Read(bytes, 0);
        Assert.Throws<CardDataFormatException>(() => BerTlvReader.ReadChildren(bytes, parent));
        Assert.True(parent.End <= bytes.Length, why);
    }

    [Fact]
    public void Garbage_is_a_typed_error_or_a_well_formed_object_inside_the_buffer()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            try
            {
                var outer = BerTlvReader.FindOuter(bytes, 0xFF20);
                Assert.True(outer.End <= bytes.Length);
                Assert.Equal(0xFF20, outer.Tag);
            }
            catch (CardDataFormatException)
            {
                // the only failure allowed
            }
        });
    }

    [Fact]
    public void A_malformed_decoy_before_the_real_object_is_skipped()
    {
        // "FF 20 7F" claims 127 bytes that are not there; the well-formed FF20 after it is the object.
        var file = Convert.FromHexString("FF207F" + "FF2003DF2100");
        var outer = BerTlvReader.FindOuter(file, 0xFF20);
        Assert.Equal(3, outer.Start);
        Assert.Equal(3, outer.Length);
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
