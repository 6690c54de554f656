using ReaderKit.Card.Records;
using ReaderKit.Card.Tlv;
using Xunit;

namespace ReaderKit.Card.Tests;

public sealed class RecordParserTests
{
    // Text AP EF 0002 of a JPKI test card, as published in soltia48/myna-card src/ap/text.rs tests (data, not code).
    private const string RealTextAttributes =
        "ff2065df2108000e002000590064df220fe9bb92e6a190e38080e5b9b9e4b99f" +
        "df2336e69db1e4baace983bde6b885e780ace5b882e8a6b3e5b883e5ad90e58d" +
        "97efbc91efbc92efbc8defbc97efbc8defbc92efbc90efbc92df240831393830" +
        "30323137df250131";

    [Fact]
    public void Real_text_attributes_vector_parses_and_its_offset_table_checks_out()
    {
        var file = TextAttributesFile.Parse(Convert.FromHexString(RealTextAttributes));
        var attributes = file.Interpret();
        Assert.Equal(new DateOnly(1980, 2, 17), attributes.BirthDate);
        Assert.Equal(Sex.Male, attributes.Sex);
        Assert.Contains('\u3000', attributes.Name);
        Assert.Equal(Convert.FromHexString(RealTextAttributes)[14..], file.DigestSource);
    }

    [Fact]
    public void Real_vector_with_two_leading_bytes_still_parses()
    {
        var bytes = Convert.FromHexString("9000" + RealTextAttributes);
        Assert.Equal(new DateOnly(1980, 2, 17), TextAttributesFile.Parse(bytes).Interpret().BirthDate);
    }

    [Theory]
    [InlineData(7, 0x0F)]  // first entry 000E → 000F
    [InlineData(13, 0x65)] // last entry 0064 → 0065
    [InlineData(11, 0x5A)]
    public void A_lying_offset_table_is_an_error(int index, byte value)
    {
        var bytes = Convert.FromHexString(RealTextAttributes);
        bytes[index] = value;
        var ex = Assert.Throws<OffsetTableMismatchException>(() => TextAttributesFile.Parse(bytes));
        Assert.Contains("offset table", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offset_table_with_more_entries_than_objects_is_an_error()
    {
        var file = BerTlvReader.Encode(0xFF20, [.. BerTlvReader.Encode(0xDF21, [0, 9, 0, 12, 0, 15]), .. BerTlvReader.Encode(0xDF22, [1]), .. BerTlvReader.Encode(0xDF23, [2])]);
        var template = PrivateTemplate.Parse(file, 0xFF20, "x");
        Assert.Throws<OffsetTableMismatchException>(() => template.CheckOffsetTable(0xDF21, "x"));
    }

    [Fact]
    public void Missing_fields_and_wrong_outer_tags_are_typed_errors()
    {
        Assert.Throws<CardDataFormatException>(() => TextAttributesFile.Parse(Convert.FromHexString("FF30020000")));
        Assert.Throws<CardDataFormatException>(() => CardFaceFile.Parse(Convert.FromHexString(RealTextAttributes)));
        Assert.Throws<CardDataFormatException>(() => TextIntegrityFile.Parse(Convert.FromHexString("FF3006DF3101AADF3201BB")));
        Assert.Throws<CardDataFormatException>(() => TextAttributesFile.Parse([]));
    }

    [Fact]
    public void Duplicate_tags_are_rejected()
    {
        var file = BerTlvReader.Encode(0xFF30, [.. BerTlvReader.Encode(0xDF31, [1]), .. BerTlvReader.Encode(0xDF31, [2])]);
        Assert.Throws<CardDataFormatException>(() => PrivateTemplate.Parse(file, 0xFF30, "x"));
    }

    [Fact]
    public void Common_record_splits_serial_municipality_and_expiry()
    {
        var record = CommonCardRecord.Parse([0x01, 0x1C, .. "123456789012345"u8, .. "13101"u8, .. "20350217"u8]);
        Assert.Equal("123456789012345", record.SerialNumber);
        Assert.Equal("13101", record.MunicipalityCode);
        Assert.Equal(new DateOnly(2035, 2, 17), record.Expiry);
        Assert.Throws<CardDataFormatException>(() => CommonCardRecord.Parse([0x01, 0x02, 0x31, 0x32]));
    }

    [Fact]
    public void Signed_key_record_exposes_the_signed_bytes()
    {
        var dob = BerTlvReader.Encode(0xDF11, "19800217"u8);
        var key = BerTlvReader.Encode(0xDF12, [0x90, 0x01, 0x03]);
        var file = BerTlvReader.Encode(0xFF10, [.. dob, .. key, .. BerTlvReader.Encode(0xDF13, [9, 9])]);
        var record = SignedKeyRecord.ParseAgeRecord(file);
        Assert.Equal([.. dob, .. key], record.SignedBytes);
        Assert.Equal(new DateOnly(1980, 2, 17), record.InterpretBirthDate());
    }

    [Fact]
    public void My_number_file_requires_twelve_digits()
    {
        Assert.Equal("123456789018"u8.ToArray(), MyNumberFile.ParseDigits([0xFF, 0x10, 0x0C, .. "123456789018"u8, 0xFF, 0xFF]));
        Assert.Throws<CardDataFormatException>(() => MyNumberFile.ParseDigits([0xFF, 0x10, 0x0C, .. "12345678901A"u8]));
    }
}
