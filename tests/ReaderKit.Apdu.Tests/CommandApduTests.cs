using CsCheck;
using ReaderKit.Apdu;

namespace ReaderKit.Apdu.Tests;

public class CommandApduTests
{
    [Theory]
    [InlineData("00A4040C0AD3921000310001010402", 0x0A, null)]
    [InlineData("00B0000000", 0, 256)]
    [InlineData("00B00000FA", 0, 250)]
    [InlineData("00200080", 0, null)]
    public void Parses_known_commands(string hex, int lc, int? ne)
    {
        var apdu = CommandApdu.Parse(Convert.FromHexString(hex));
        Assert.Equal(lc, apdu.Data.Length);
        Assert.Equal(ne, apdu.Ne);
        Assert.Equal(hex, Convert.ToHexString(apdu.ToArray()));
    }

    [Fact]
    public void Extended_le_is_three_bytes_without_data()
    {
        var apdu = new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 0x150);
        Assert.Equal("00B00000000150", Convert.ToHexString(apdu.ToArray()));
        Assert.True(apdu.IsExtended);
    }

    [Fact]
    public void Extended_lc_and_le_encoding()
    {
        var data = new byte[300];
        var apdu = new CommandApdu(0x80, 0x2A, 0x00, 0x80, data, 65536);
        var bytes = apdu.ToArray();
        Assert.Equal(4 + 3 + 300 + 2, bytes.Length);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x2C }, bytes[4..7]);
        Assert.Equal(new byte[] { 0x00, 0x00 }, bytes[^2..]);
        Assert.Equal(65536, CommandApdu.Parse(bytes).Ne);
    }

    [Theory]
    [InlineData("00A4")]
    [InlineData("00A4040C0AD392")]
    [InlineData("00A4040C0000")]
    [InlineData("00A4040C00000301")]
    public void Malformed_commands_raise_a_typed_error(string hex)
    {
        Assert.Throws<MalformedApduException>(() => CommandApdu.Parse(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Five_byte_command_with_zero_le_means_256()
    {
        Assert.Equal(256, CommandApdu.Parse(Convert.FromHexString("00B0000000")).Ne);
    }

    [Fact]
    public void Round_trips_every_case()
    {
        var gen =
            from header in Gen.Byte.Array[4]
            from dataLength in Gen.OneOf(Gen.Int[0, 0], Gen.Int[1, 255], Gen.Int[256, 700])
            from data in Gen.Byte.Array[dataLength]
            from ne in Gen.OneOf(Gen.Const((int?)null), Gen.Int[1, 256].Select(i => (int?)i), Gen.Int[257, 65536].Select(i => (int?)i))
            select new CommandApdu(header[0], header[1], header[2], header[3], data, ne);

        gen.Sample(apdu =>
        {
            var parsed = CommandApdu.Parse(apdu.ToArray());
            Assert.Equal(apdu.Ne, parsed.Ne);
            Assert.Equal(apdu.Data.ToArray(), parsed.Data.ToArray());
            Assert.Equal(apdu.ToArray(), parsed.ToArray());
        }, iter: 2000);
    }

    [Fact]
    public void ToString_never_renders_command_data()
    {
        var secret = "55021720352285"u8.ToArray();
        var apdu = new CommandApdu(0x00, 0x20, 0x00, 0x80, secret);
        Assert.DoesNotContain("3535", apdu.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("55021720352285", apdu.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ne_is_read_from_the_length_fields_exactly_as_parse_reads_it()
    {
        Gen.Select(Gen.Byte.Array[0, 600], Gen.Int[0, 70000]).Sample((data, neSeed) =>
        {
            int? ne = neSeed > CommandApdu.MaxExtendedNe ? null : Math.Max(1, neSeed);
            var bytes = new CommandApdu(0x00, 0xB0, 0x00, 0x00, data, ne).ToArray();
            Assert.True(CommandApdu.TryReadNe(bytes, out var read));
            Assert.Equal(ne, read);
            Assert.Equal(CommandApdu.Parse(bytes).Ne, read);
        });
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var parses = true;
            try
            {
                CommandApdu.Parse(bytes);
            }
            catch (MalformedApduException)
            {
                parses = false;
            }

            Assert.Equal(parses, CommandApdu.TryReadNe(bytes, out _));
        });
    }
}
