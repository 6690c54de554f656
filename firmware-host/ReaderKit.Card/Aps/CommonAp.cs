using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;

namespace ReaderKit.Card.Aps;

/// <summary>共通カードAP (<c>D3 92 10 00 31 00 01 01 01 00</c>): record 1 of EF 0001 (serial, municipality, expiry). Unsigned.</summary>
public sealed class CommonAp
{
    public static ReadOnlySpan<byte> Aid => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];

    public CommonAp(CardSession session)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public CardSession Session { get; }

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid.ToArray(), cancellationToken);

    /// <summary>Raw record 1 of SFI 1 (<c>00 B2 01 0C</c>).</summary>
    public Task<byte[]> ReadRecordAsync(CancellationToken cancellationToken) => Session.ReadRecordAsync(1, 1, cancellationToken);

    public async Task<CommonCardRecord> ReadCardRecordAsync(CancellationToken cancellationToken) =>
        CommonCardRecord.Parse(await ReadRecordAsync(cancellationToken).ConfigureAwait(false));
}
