using ReaderKit.Apdu;

namespace ReaderKit.Nfc.Tests;

public class FrameCodecTests
{
    [Fact]
    public void Encodes_get_firmware_version_like_the_user_manual()
    {
        Assert.Equal(Convert.FromHexString("0000FF02FED4022A00"), Pn532Frame.EncodeCommand(0x02, []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(265)]
    public void Round_trips_normal_and_extended_frames(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();
        payload[0] = Pn532Frame.ChipToHost;
        var frame = Pn532Frame.EncodeInformation(payload);
        Assert.Equal(Pn532Frame.WireLength(length), frame.Length);
        Assert.Equal(length > 255, frame[3] == 0xFF && frame[4] == 0xFF);

        var parsed = Pn532Frame.Parse([0x55, 0x00, .. frame, 0x00, 0x00]);
        Assert.Equal(Pn532ParseStatus.Complete, parsed.Status);
        Assert.Equal(Pn532FrameKind.Information, parsed.Kind);
        Assert.Equal(payload, parsed.Data);
        Assert.Equal(2 + 1, parsed.Start); // 55 00 | 00 FF: start code sits after the preamble
        Assert.Equal(2 + frame.Length - 1, parsed.End);
    }

    [Fact]
    public void Rejects_frames_over_265_bytes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pn532Frame.EncodeInformation(new byte[266]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pn532Frame.EncodeInformation([]));
    }

    [Fact]
    public void Recognises_ack_nack_and_error_frames()
    {
        Assert.Equal(Pn532FrameKind.Ack, Pn532Frame.Parse(Pn532Frame.Ack).Kind);
        Assert.Equal(Pn532FrameKind.Nack, Pn532Frame.Parse(Pn532Frame.Nack).Kind);
        var error = Pn532Frame.Parse(Convert.FromHexString("0000FF01FF7F8100"));
        Assert.Equal((Pn532ParseStatus.Complete, Pn532FrameKind.Error), (error.Status, error.Kind));
    }

    [Fact]
    public void Reports_incomplete_frames_with_the_length_still_needed()
    {
        var frame = Pn532Frame.EncodeInformation(new byte[260].Select((_, i) => (byte)i).ToArray());
        var head = Pn532Frame.Parse(frame.AsSpan(0, 6));
        Assert.Equal(Pn532ParseStatus.Incomplete, head.Status);
        var withLength = Pn532Frame.Parse(frame.AsSpan(0, 9));
        Assert.Equal(Pn532ParseStatus.Incomplete, withLength.Status);
        Assert.Equal(frame.Length - 1, withLength.Needed);
    }

    [Fact]
    public void Detects_bad_length_and_data_checksums()
    {
        var frame = Pn532Frame.EncodeCommand(0x4A, [0x01, 0x03, 0x00]);
        var badDcs = (byte[])frame.Clone();
        badDcs[^2] ^= 0x01;
        Assert.Equal(Pn532ParseStatus.BadDataChecksum, Pn532Frame.Parse(badDcs).Status);
        var badData = (byte[])frame.Clone();
        badData[7] ^= 0x10;
        Assert.Equal(Pn532ParseStatus.BadDataChecksum, Pn532Frame.Parse(badData).Status);
        var badLcs = (byte[])frame.Clone();
        badLcs[4] ^= 0x01;
        var parsed = Pn532Frame.Parse(badLcs);
        Assert.Equal(Pn532ParseStatus.BadLengthChecksum, parsed.Status);
        Assert.Equal(3, parsed.End);
    }

    [Fact]
    public void Skips_noise_without_a_start_code_but_keeps_a_trailing_zero()
    {
        var parsed = Pn532Frame.Parse([0x12, 0x55, 0xFF, 0x00]);
        Assert.Equal(Pn532ParseStatus.NoStartCode, parsed.Status);
        Assert.Equal(3, parsed.End);
    }

    [Fact]
    public void Parse_never_throws_on_random_bytes()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var buffer = new byte[random.Next(0, 40)];
            random.NextBytes(buffer);
            if (buffer.Length > 4 && random.Next(2) == 0)
            {
                buffer[random.Next(buffer.Length - 2)] = 0x00;
            }

            var result = Pn532Frame.Parse(buffer);
            Assert.InRange(result.End, 0, buffer.Length);
        }
    }

    [Theory]
    [InlineData(0x01, CardTransportFailure.Timeout)]
    [InlineData(0x2B, CardTransportFailure.CardRemoved)]
    [InlineData(0x2A, CardTransportFailure.CardRemoved)]
    [InlineData(0x02, CardTransportFailure.RfError)]
    [InlineData(0x03, CardTransportFailure.RfError)]
    [InlineData(0x05, CardTransportFailure.RfError)]
    [InlineData(0x7F, CardTransportFailure.ProtocolError)]
    [InlineData(0x10, CardTransportFailure.ProtocolError)]
    [InlineData(0x2D, CardTransportFailure.ReaderUnavailable)]
    [InlineData(0x3E, CardTransportFailure.ProtocolError)]
    public void Maps_status_codes_to_failures(byte code, CardTransportFailure failure)
    {
        var ex = new Pn532StatusException(0x40, code);
        Assert.Equal(failure, ex.Failure);
        Assert.Equal(code, ex.StatusCode);
        Assert.IsAssignableFrom<CardTransportException>(ex);
    }

    [Fact]
    public void Decodes_the_my_number_card_atqb()
    {
        byte[] entry = [0x01, 0x50, 0xA1, 0xB2, 0xC3, 0xD4, 0x00, 0x00, 0x00, 0x00, 0xB3, 0x81, 0xA1, 0x01, 0x01];
        var target = TypeBTarget.Parse(entry, out var consumed);
        Assert.Equal(15, consumed);
        Assert.Equal(1, target.TargetNumber);
        Assert.Equal(new byte[] { 0xA1, 0xB2, 0xC3, 0xD4 }, target.Pupi.ToArray());
        Assert.Equal(256, target.MaxFrameSize);
        Assert.True(target.IsIso14443Part4);
        Assert.Equal(10, target.Fwi);
        Assert.InRange(target.FrameWaitingTime.TotalMilliseconds, 309, 310);
        Assert.True(target.SupportsCid);
        Assert.False(target.SupportsNad);
        Assert.Equal(1, target.Cid);
        Assert.Throws<Pn532ProtocolException>(() => TypeBTarget.Parse(entry.AsSpan(0, 10), out _));
    }
}
