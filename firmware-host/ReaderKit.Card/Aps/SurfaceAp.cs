using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;

namespace ReaderKit.Card.Aps;

/// <summary>
/// 券面事項確認AP (surface AP, <c>D3 92 10 00 31 00 01 01 04 02</c>): card face EF 0002 behind 照合番号B,
/// AP info EF 0003 and CVC EF 0004 without credential, the age record EF 0001 behind the 生年月日 key, and
/// the card-presence signature (<c>80 2A 00 00</c>, default key).
/// </summary>
public sealed class SurfaceAp
{
    public static ReadOnlySpan<byte> Aid => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
    public const ushort AgeRecordFile = 0x0001;
    public const ushort CardFaceFileId = 0x0002;
    public const ushort ApInfoFile = 0x0003;
    public const ushort CertificateFile = 0x0004;
    public const ushort BirthDateKey = 0x0011;
    public const ushort VerificationNumberBKey = 0x0012;
    public const string VerificationNumberBName = "surface AP 照合番号B (EF 0012)";
    public const string BirthDateKeyName = "surface AP birth-date key (EF 0011)";

    public SurfaceAp(CardSession session)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public CardSession Session { get; }

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid.ToArray(), cancellationToken);

    /// <summary>Tries left on 照合番号B, without spending one.</summary>
    public Task<int?> QueryRemainingTriesAsync(CancellationToken cancellationToken) =>
        Session.QueryRemainingTriesAsync(VerificationNumberBKey, VerificationNumberBName, cancellationToken);

    /// <summary>
    /// Presents 照合番号B with the retry policy (see <see cref="CardSession.VerifyAsync"/> for every outcome); returns the
    /// tries left before sending, or null when the key was already verified (nothing sent).
    /// </summary>
    public Task<int?> VerifyAsync(VerificationNumberB number, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Session.VerifyAsync(VerificationNumberBKey, VerificationNumberBName, number.CopyDigits(), policy, cancellationToken);
    }

    /// <summary>Presents the 6-digit birth-date part of 照合番号B to the 生年月日 key (opens the age record).</summary>
    public Task<int?> VerifyBirthDateKeyAsync(VerificationNumberB number, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Session.VerifyAsync(BirthDateKey, BirthDateKeyName, number.CopyBirthDateDigits(), policy, cancellationToken);
    }

    /// <summary>EF 0002 raw bytes (after 照合番号B).</summary>
    public Task<byte[]> ReadCardFaceAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(CardFaceFileId, CardFaceFile.OuterTag, cancellationToken);

    /// <summary>EF 0004 raw bytes (CVC, <c>7F 21</c>).</summary>
    public Task<byte[]> ReadCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(CertificateFile, 0x7F21, cancellationToken);

    /// <summary>
    /// EF 0003 raw bytes (AP basic information). Its DF31 extended-length byte is noted in the session
    /// (<see cref="CardSession.NoteBasicInfo"/>), so reads after it may use an extended Le.
    /// </summary>
    public Task<byte[]> ReadApInfoAsync(CancellationToken cancellationToken) =>
        Session.ReadBasicInfoAsync(ApInfoFile, ApBasicInfo.SurfaceAp, cancellationToken);

    /// <summary>EF 0001 raw bytes (age record; after the birth-date key).</summary>
    public Task<byte[]> ReadAgeRecordAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AgeRecordFile, 0xFF10, cancellationToken);

    /// <summary>
    /// Asks the chip to sign <paramref name="data"/> with its own key (P2 = 00: the AP's default key).
    /// RSA cards take a SHA-256 DigestInfo, next-generation cards a SHA-384 hash.
    /// </summary>
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Session.ComputeSignatureAsync(0x00, 0x00, data, cancellationToken);
}
