using ReaderKit.Contracts;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Tests;

public sealed class CodecTests
{
    [Fact]
    public void Every_canonical_message_parses_back_to_its_envelope()
    {
        foreach (var (name, make) in CanonicalMessages.All)
        {
            var envelope = RpcCodec.Parse(make());
            var kind = name.Split(' ')[0] switch
            {
                "request" => RpcMessageKind.Request,
                "notification" => RpcMessageKind.Notification,
                _ => RpcMessageKind.Response,
            };
            Assert.Equal(kind, envelope.Kind);
            Assert.Equal(name.StartsWith("error", StringComparison.Ordinal), envelope.IsError);
        }
    }

    [Fact]
    public void A_tap_result_round_trips_with_every_field()
    {
        var bytes = ProtocolSerializer.Serialize(CanonicalMessages.Result);
        var back = ProtocolSerializer.Deserialize<TapResult>(bytes);
        Assert.Equal(CanonicalMessages.Result.Checks, back.Checks);
        Assert.Equal(CanonicalMessages.Result.Retries, back.Retries);
        Assert.Equal(1200, back.TimingsMs["total"]);
        Assert.Equal(CanonicalMessages.Result.Face, back.Face);
        Assert.Equal("山田", back.Fields!.Name);
        Assert.Equal([0xff, 0x4f], back.Fields.Photo);
        Assert.Equal((VerdictKind.Accepted, "offline", "r1", 1_700_000_001_200L), (back.Verdict, back.Mode, back.RequestId, back.CompletedAtMs));
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_unknown_words_never_read_as_success()
    {
        // {tapId:"t", verdict:"Approved", future:{x:[1,2]}, checks:[{name:"n", status:"MAYBE", reason:"r", extra:1}], retries:[], timingsMs:{}}
        var status = ProtocolSerializer.Deserialize<TapResult>(Convert.FromHexString(Build()));
        Assert.Equal(VerdictKind.ReaderError, status.Verdict);
        Assert.Equal(CheckLineStatus.Warn, Assert.Single(status.Checks).Status);

        static string Build()
        {
            var w = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new MessagePack.MessagePackWriter(w);
            writer.WriteMapHeader(6);
            writer.Write("tapId");
            writer.Write("t");
            writer.Write("verdict");
            writer.Write("Approved");
            writer.Write("future");
            writer.WriteMapHeader(1);
            writer.Write("x");
            writer.WriteArrayHeader(2);
            writer.Write(1);
            writer.Write(2);
            writer.Write("checks");
            writer.WriteArrayHeader(1);
            writer.WriteMapHeader(4);
            writer.Write("name");
            writer.Write("n");
            writer.Write("status");
            writer.Write("MAYBE");
            writer.Write("reason");
            writer.Write("r");
            writer.Write("extra");
            writer.Write(1);
            writer.Write("retries");
            writer.WriteArrayHeader(0);
            writer.Write("timingsMs");
            writer.WriteMapHeader(0);
            writer.Flush();
            return Convert.ToHexString(w.WrittenSpan);
        }
    }

    [Fact]
    public void Wrong_types_and_missing_keys_are_InvalidParams()
    {
        var e = Assert.Throws<RpcFormatException>(() => ProtocolSerializer.Deserialize<TapRef>(Convert.FromHexString("81a5746170496405")));
        Assert.Equal(ErrorCode.InvalidParams, e.Code);
        Assert.Contains("tapId", e.Message, StringComparison.Ordinal);
        Assert.Throws<RpcFormatException>(() => ProtocolSerializer.Deserialize<TapRef>(Convert.FromHexString("80")));
        Assert.Throws<RpcFormatException>(() => ProtocolSerializer.Deserialize<TapRef>(Convert.FromHexString("05")));
        Assert.Throws<RpcFormatException>(() => ProtocolSerializer.Deserialize<TapRef>(Convert.FromHexString("81a5746170")));
    }

    [Fact]
    public void Deep_nesting_under_an_unknown_key_is_skipped_without_recursion()
    {
        // {tapId:"t", future:[[[[ ... 100 000 levels ... ]]]]}: the schema never recurses and unknown values are
        // skipped iteratively, so even without the framing scanner in front this cannot overflow the stack.
        var bytes = new List<byte>(Convert.FromHexString("82a57461704964a174a6667574757265".Replace(" ", string.Empty, StringComparison.Ordinal)));
        bytes.AddRange(Enumerable.Repeat((byte)0x91, 100_000));
        bytes.Add(0xc0);
        Assert.Equal("t", ProtocolSerializer.Deserialize<TapRef>(bytes.ToArray()).TapId);
    }

    [Fact]
    public void A_broken_envelope_is_InvalidRequest_and_its_id_is_recovered_when_possible()
    {
        Assert.Equal(ErrorCode.InvalidRequest, Assert.Throws<RpcFormatException>(() => RpcCodec.Parse(Convert.FromHexString("81a16101"))).Code);
        Assert.Equal(ErrorCode.InvalidRequest, Assert.Throws<RpcFormatException>(() => RpcCodec.Parse(Convert.FromHexString("94000705c0"))).Code);
        Assert.Equal(7u, RpcCodec.TryReadRequestId(Convert.FromHexString("94000705c0")));
        Assert.Null(RpcCodec.TryReadRequestId(Convert.FromHexString("81a16101")));
    }

    [Fact]
    public void Every_event_type_round_trips_through_its_notification()
    {
        foreach (var name in RpcNotifications.All)
        {
            var envelope = RpcCodec.Parse(CanonicalMessages.All["notification " + name]());
            var e = RpcCodec.ReadEvent(envelope.Method!, envelope.Body);
            Assert.Equal(name, e!.Method);
            Assert.True(e.Seq > 0);
            Assert.Equal(1_700_000_000_000, e.TsMs);
        }

        Assert.Null(RpcCodec.ReadEvent("card.teleported", Convert.FromHexString("80")));
    }

    [Fact]
    public void Error_data_keeps_strings_numbers_booleans_and_string_lists()
    {
        var error = RpcError.From(ErrorCode.UnsupportedProtocol, "m", new Dictionary<string, object?> { ["supported"] = new[] { "readerkit/1.0" }, ["n"] = 3, ["b"] = true, ["s"] = "x", ["none"] = null });
        var back = ProtocolSerializer.Deserialize<RpcError>(ProtocolSerializer.Serialize(error));
        Assert.Equal(-32010, back.Code);
        Assert.Equal("UnsupportedProtocol", back.Name);
        Assert.Equal(["readerkit/1.0"], Assert.IsType<List<string>>(back.Data!["supported"]));
        Assert.Equal(3L, back.Data["n"]);
        Assert.Equal(true, back.Data["b"]);
        Assert.Null(back.Data["none"]);
    }

    [Theory]
    [InlineData("readerkit/1.0", 1, 0)]
    [InlineData("readerkit/1", 1, 0)]
    [InlineData("readerkit/1.12", 1, 12)]
    public void Protocol_versions_parse(string text, int major, int minor)
    {
        Assert.True(ProtocolVersion.TryParse(text, out var v));
        Assert.Equal(new ProtocolVersion(major, minor), v);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("readerkit/")]
    [InlineData("readerkit/x.1")]
    [InlineData("readerkit/1.-1")]
    [InlineData("jsonrpc/2.0")]
    public void Bad_protocol_strings_do_not_parse(string? text) => Assert.False(ProtocolVersion.TryParse(text, out _));

    [Fact]
    public void The_minor_is_negotiated_down_and_another_major_refused()
    {
        Assert.Equal(new ProtocolVersion(1, 0), ProtocolVersion.Negotiate(new(1, 0), new(1, 3)));
        Assert.Equal(new ProtocolVersion(1, 2), ProtocolVersion.Negotiate(new(1, 4), new(1, 2)));
        Assert.Null(ProtocolVersion.Negotiate(new(1, 0), new(2, 0)));
    }

    [Theory]
    [InlineData("*", "tap.result", true)]
    [InlineData("card.*", "card.present", true)]
    [InlineData("card.*", "cardx.present", false)]
    [InlineData("tap.result", "tap.result", true)]
    [InlineData("tap.result", "tap.progress", false)]
    public void Topics_match_names_and_families(string topic, string notification, bool matches) =>
        Assert.Equal(matches, RpcNotifications.Matches(topic, notification));

    [Fact]
    public void Fingerprints_parse_with_separators_and_print_lower_case()
    {
        var hex = string.Concat(Enumerable.Range(0, 32).Select(i => i.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var colons = string.Join(':', Enumerable.Range(0, 32).Select(i => hex.Substring(i * 2, 2)));
        Assert.True(CertificateFingerprint.TryParse(colons, out var bytes));
        Assert.Equal(hex.ToLowerInvariant(), CertificateFingerprint.Format(bytes));
        Assert.False(CertificateFingerprint.TryParse("abc", out _));
        Assert.False(CertificateFingerprint.TryParse(new string('z', 64), out _));
    }
}
