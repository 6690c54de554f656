using ReaderKit.Apdu;
using ReaderKit.Card.Aps;

namespace ReaderKit.Trust.Tests.Fixtures;

/// <summary>
/// A minimal in-test card answering SELECT, READ BINARY, READ RECORD, VERIFY (with retry counters) and
/// COMPUTE DIGITAL SIGNATURE from a <see cref="TestCard"/>. Counts every VERIFY it receives.
/// </summary>
internal sealed class FakeCardChannel : IApduChannel
{
    private readonly TestCard _card;
    private readonly TestSigner _chip;
    private readonly Dictionary<string, int> _tries = new();
    private readonly HashSet<string> _verified = [];
    private string _ap = "";
    private ushort _ef;

    public FakeCardChannel(TestCard card, TestSigner? chipOverride)
    {
        _card = card;
        _chip = chipOverride ?? card.Chip;
        foreach (var key in new[] { "surface:0012", "text:0015", "surface:0011", "text:0011" })
        {
            _tries[key] = card.Spec.Tries;
        }
    }

    public int MaxResponseDataLength { get; init; } = 256;

    /// <summary>Replaces the chip's answer to COMPUTE DIGITAL SIGNATURE (a clone answering with garbage); null: sign honestly.</summary>
    public Func<string, byte[], ResponseApdu>? ChallengeResponder { get; init; }

    public List<CommandApdu> Received { get; } = [];

    public int VerifyQueries => Received.Count(c => c.Ins == 0x20 && c.Data.IsEmpty);

    public int VerifyValues => Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty);

    public Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Received.Add(command);
        return Task.FromResult(Process(command));
    }

    public static ResponseApdu Sw(ushort sw, byte[]? data = null) => new(data ?? [], StatusWord.FromUInt16(sw));

    private ResponseApdu Process(CommandApdu c)
    {
        switch (c.Ins)
        {
            case 0xA4 when c.P1 == 0x04:
                var aid = c.Data.ToArray();
                _ap = aid.SequenceEqual(SurfaceAp.Aid) ? "surface" : aid.SequenceEqual(TextAp.Aid) ? "text" : aid.SequenceEqual(CommonAp.Aid) ? "common" : "";
                _verified.Clear();
                return Sw(_ap.Length == 0 ? (ushort)0x6A82 : (ushort)0x9000);
            case 0xA4 when c.P1 == 0x02:
                _ef = (ushort)((c.Data.Span[0] << 8) | c.Data.Span[1]);
                return File() is null && !_tries.ContainsKey(Key) ? Sw(0x6A82) : Sw(0x9000);
            case 0xB0:
                var file = File();
                if (file is null)
                {
                    return Sw(0x6986);
                }

                if (!Readable())
                {
                    return Sw(0x6982);
                }

                var offset = (c.P1 << 8) | c.P2;
                if (offset >= file.Length)
                {
                    return Sw(0x6B00);
                }

                var length = Math.Min(c.Ne ?? 256, file.Length - offset);
                return Sw(0x9000, file.AsSpan(offset, length).ToArray());
            case 0xB2 when _ap == "common":
                return Sw(0x9000, _card.CommonRecord);
            case 0x20:
                if (!_tries.TryGetValue(Key, out var left))
                {
                    return Sw(0x6A82);
                }

                if (left == 0)
                {
                    return Sw(0x6984);
                }

                if (c.Data.IsEmpty)
                {
                    return Sw((ushort)(0x63C0 | left));
                }

                var expected = Key.EndsWith("0011", StringComparison.Ordinal) && _ap == "surface" ? _card.Spec.VerificationNumber[..6] : _card.Spec.VerificationNumber;
                if (System.Text.Encoding.ASCII.GetString(c.Data.Span) == expected)
                {
                    _tries[Key] = _card.Spec.Tries;
                    _verified.Add(Key);
                    return Sw(0x9000);
                }

                _tries[Key] = left - 1;
                return Sw((ushort)(0x63C0 | (left - 1)));
            case 0x2A when c.Cla == 0x80 && ChallengeResponder is not null:
                return ChallengeResponder(_ap, c.Data.ToArray());
            case 0x2A when c.Cla == 0x80:
                var signer = _ap == "surface" ? _chip : _ap == "text" ? _card.TextChip : null;
                return signer is null ? Sw(0x6A86) : Sw(0x9000, signer.SignCommandData(c.Data.ToArray()));
            default:
                return Sw(0x6D00);
        }
    }

    private string Key => $"{_ap}:{_ef:X4}";

    private bool Readable() => (_ap, _ef) switch
    {
        ("surface", 0x0002) => _verified.Contains("surface:0012"),
        ("surface", 0x0001) => _verified.Contains("surface:0011"),
        ("text", 0x0002 or 0x0003 or 0x0007) => _verified.Contains("text:0015"),
        _ => true,
    };

    private byte[]? File() => (_ap, _ef) switch
    {
        ("surface", 0x0001) => _card.AgeRecord,
        ("surface", 0x0002) => _card.CardFace,
        ("surface", 0x0003) => _card.SurfaceApInfo,
        ("surface", 0x0004) => _card.SurfaceCvc,
        ("text", 0x0002) => _card.TextAttributes,
        ("text", 0x0003) => _card.TextIntegrity,
        ("text", 0x0004) => _card.TextCvc,
        ("text", 0x0007) => _card.TextCardKey,
        _ => null,
    };
}
