using System.Buffers;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Tests;

/// <summary>One canonical instance of every message type, encoded exactly as it goes on the wire.</summary>
internal static class CanonicalMessages
{
    public static readonly TapResult Result = new("tap-1", VerdictKind.Accepted)
    {
        Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "ok")],
        Retries = [new Retries("surface.number-b", 10, 3, true)],
        TimingsMs = new Dictionary<string, long> { ["total"] = 1200 },
        Anchor = "0001",
        Face = new FaceOutcome("matched") { Score = 0.5, Threshold = 0.25, Frames = 6 },
        Fields = new PersonalFields { Name = "山田", Photo = [0xff, 0x4f] },
        Mode = ReaderModes.Offline,
        RequestId = "r1",
        StartedAtMs = 1_700_000_000_000,
        CompletedAtMs = 1_700_000_001_200,
    };

    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["request session.hello"] = () => Request(RpcMethods.SessionHello, new HelloRequest("readerkit/1.0", new ClientInfo("kiosk", "1.2"), "rk1.t")),
        ["response session.hello"] = () => Response(new HelloResult("readerkit/1.0", "ReaderKit.Host/1.0", ["tap", "events"], new ServerLimits(65536, 32, 8, 256, 200, 5000), "7")),
        ["request session.ping"] = () => Request(RpcMethods.SessionPing, Empty.Instance),
        ["response session.ping"] = () => Response(new PingResult(1_700_000_000_000)),
        ["request reader.getStatus"] = () => Request(RpcMethods.ReaderGetStatus, Empty.Instance),
        ["response reader.getStatus"] = () => Response(new ReaderStatus(ReaderStates.Idle, ReaderModes.Online, false, true) { CameraOk = true, LeaseHolder = "kiosk" }),
        ["request reader.acquireLease"] = () => Request(RpcMethods.ReaderAcquireLease, new LeaseRequest(30000, null)),
        ["response reader.acquireLease"] = () => Response(new LeaseGrant("lease-1", "kiosk", 1_700_000_030_000)),
        ["request reader.releaseLease"] = () => Request(RpcMethods.ReaderReleaseLease, new LeaseReleaseRequest("lease-1")),
        ["response done"] = () => Response(new Done(true)),
        ["request tap.start (parts)"] = () =>
        {
            using var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");
            return Request(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions { Fields = ["name"], Face = true }, "lease-1", "r1"));
        },
        ["request tap.start (digits)"] = () =>
        {
            using var numberB = NumberBInput.FromDigits("55021720311234");
            return Request(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        },
        ["response tap.start"] = () => Response(new TapStarted("tap-1", "lease-1")),
        ["request tap.cancel"] = () => Request(RpcMethods.TapCancel, new TapRef("tap-1")),
        ["request tap.getResult"] = () => Request(RpcMethods.TapGetResult, new TapResultRequest("tap-1", 25000)),
        ["response tap.getResult"] = () => Response(new TapResultReply("tap-1", TapStates.Done, Result)),
        ["request events.subscribe"] = () => Request(RpcMethods.EventsSubscribe, new SubscribeRequest(["card.*", "tap.result"])),
        ["response events.subscribe"] = () => Response(new SubscribeResult(["card.*", "tap.result"], 0)),
        ["request journal.query"] = () => Request(RpcMethods.JournalQuery, new JournalQuery { SinceMs = 1_700_000_000_000, Limit = 50 }),
        ["response journal.query"] = () => Response(new JournalPage([new JournalRecord("j1", 1_700_000_000_000, VerdictKind.NotGenuine, ReaderModes.Offline) { Error = RpcError.From(ErrorCode.NotGenuine, "chip challenge failed"), CardKey = "k1" }], "c2")),
        ["request journal.export"] = () => Request(RpcMethods.JournalExport, new JournalExportRequest("csv") { MaxBytes = 4096 }),
        ["response journal.export"] = () => Response(new JournalExportChunk("id\n"u8.ToArray(), null, true)),
        ["request tap.printForm"] = () => Request(RpcMethods.TapPrintForm, new PrintFormRequest("tap-1") { Kind = PrintFormRequest.SlipKind, SlipWidthMm = 58 }),
        ["response tap.printForm"] = () => Response(new PrintedForm("tap-1", "01JH-3K5M-8Q2R-7XZW", "slip", "%PDF"u8.ToArray(), "00112233445566778899aabbccddeeff")),
        ["request journal.markReconciled"] = () => Request(RpcMethods.JournalMarkReconciled, new MarkReconciledRequest(["j1"])),
        ["response journal.markReconciled"] = () => Response(new MarkReconciledResult(1)),
        ["response device.getInfo"] = () => Response(new DeviceInfo("dev-1", "Pi 5", "1.0.0") { ReaderLink = "spi", CameraPresent = true, UptimeMs = 5 }),
        ["response trust.getInfo"] = () => Response(new TrustInfo("built-in", [new TrustAnchorInfo("0001", "surface", null, false)], false)),
        ["error LeaseHeld"] = () => Error(RpcError.From(ErrorCode.LeaseHeld, "held", new Dictionary<string, object?> { ["holder"] = "kiosk" })),
        ["error MethodNotFound"] = () => Error(RpcError.From(ErrorCode.MethodNotFound, "No method 'x'.")),
        ["notification card.present"] = () => Event(new CardPresentEvent("nfc0") { Seq = 1, TsMs = 1_700_000_000_000 }),
        ["notification card.removed"] = () => Event(new CardRemovedEvent("nfc0") { Seq = 2, TsMs = 1_700_000_000_000 }),
        ["notification tap.progress"] = () => Event(new TapProgressEvent("tap-1", TapSteps.CardFaceRead) { Seq = 3, TsMs = 1_700_000_000_000 }),
        ["notification face.prompt"] = () => Event(new FacePromptEvent("tap-1", FacePromptKinds.Blink, 0, 2) { Seq = 4, TsMs = 1_700_000_000_000 }),
        ["notification tap.result"] = () => Event(new TapResultEvent("tap-1", Result with { Fields = null, Face = null }) { Seq = 5, TsMs = 1_700_000_000_000 }),
        ["notification tap.result (recordId)"] = () => Event(new TapResultEvent("tap-1", Result with { Fields = null, Face = null, Checks = [], Retries = [], RecordId = "01JH-3K5M-8Q2R-7XZW" }) { Seq = 5, TsMs = 1_700_000_000_000 }),
        ["notification reader.mode"] = () => Event(new ReaderModeEvent(ReaderModes.Offline, "probe") { Seq = 6, TsMs = 1_700_000_000_000 }),
        ["notification $/cancel"] = () =>
        {
            var b = new ArrayBufferWriter<byte>();
            RpcCodec.WriteNotification(b, RpcMethods.CancelRequest, new CancelRequestParams(9));
            return b.WrittenSpan.ToArray();
        },
    };

    private static byte[] Request<T>(string method, T value)
    {
        var b = new ArrayBufferWriter<byte>();
        RpcCodec.WriteRequest(b, 1, method, value);
        return b.WrittenSpan.ToArray();
    }

    private static byte[] Response<T>(T value)
    {
        var b = new ArrayBufferWriter<byte>();
        RpcCodec.WriteResponse(b, 1, value);
        return b.WrittenSpan.ToArray();
    }

    private static byte[] Error(RpcError error)
    {
        var b = new ArrayBufferWriter<byte>();
        RpcCodec.WriteError(b, 1, error);
        return b.WrittenSpan.ToArray();
    }

    private static byte[] Event(ReaderEvent e)
    {
        var b = new ArrayBufferWriter<byte>();
        RpcCodec.WriteEvent(b, e);
        return b.WrittenSpan.ToArray();
    }
}
