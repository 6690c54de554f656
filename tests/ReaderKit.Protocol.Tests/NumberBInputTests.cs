using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Tests;

public sealed class NumberBInputTests
{
    [Fact]
    public void Parts_round_trip_through_the_wire_and_dispose_zeroes_them()
    {
        using var original = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234", NumberBNotation.Western);
        var back = ProtocolSerializer.Deserialize<NumberBInput>(ProtocolSerializer.Serialize(original));
        Assert.Equal("1980-02-17"u8.ToArray(), back.BirthDate.ToArray());
        Assert.Equal("1234"u8.ToArray(), back.SecurityCode.ToArray());
        Assert.Equal(2031, back.ExpiryYear);
        Assert.Equal(NumberBNotation.Western, back.Notation);
        back.Dispose();
        Assert.True(back.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => back.SecurityCode.ToArray());
    }

    [Fact]
    public void Digits_round_trip()
    {
        using var original = NumberBInput.FromDigits("55021720311234");
        using var back = ProtocolSerializer.Deserialize<NumberBInput>(ProtocolSerializer.Serialize(original));
        Assert.True(back.IsPrebuilt);
        Assert.Equal("55021720311234"u8.ToArray(), back.Digits.ToArray());
        Assert.Throws<InvalidOperationException>(() => back.SecurityCode.ToArray());
    }

    [Theory]
    [InlineData("123")]
    [InlineData("12a4")]
    [InlineData("12345")]
    public void A_bad_security_code_is_refused_without_echoing_it(string code)
    {
        var e = Assert.Throws<ArgumentException>(() => NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, code));
        Assert.DoesNotContain(code, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_values_of_the_wrong_shape_are_InvalidParams_without_the_digits()
    {
        // {securityCode:"98765", birthDate:"1980-02-17", expiryYear:2031}
        var w = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(w);
        writer.WriteMapHeader(3);
        writer.Write("securityCode");
        writer.Write("98765");
        writer.Write("birthDate");
        writer.Write("1980-02-17");
        writer.Write("expiryYear");
        writer.Write(2031);
        writer.Flush();
        var e = Assert.Throws<RpcFormatException>(() => ProtocolSerializer.Deserialize<NumberBInput>(w.WrittenMemory));
        Assert.DoesNotContain("98765", e.Message, StringComparison.Ordinal);
        Assert.Contains("securityCode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_is_redacted_everywhere_it_could_leak()
    {
        using var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");
        using var request = new TapStartRequest(numberB, new TapOptions());
        Assert.DoesNotContain("1234", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1980", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("rk1.secret", new HelloRequest("readerkit/1.0", new ClientInfo("a", "1"), "rk1.secret").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("山田", new PersonalFields { Name = "山田" }.ToString(), StringComparison.Ordinal);
    }
}
