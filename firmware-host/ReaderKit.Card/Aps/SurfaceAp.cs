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
    public static readonly byte[] Aid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
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

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid, cancellationToken);

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

/// <summary>
/// 券面事項入力補助AP (text AP, <c>D3 92 10 00 31 00 01 01 04 08</c>): EF 0002 (4 facts), 0003 (integrity),
/// 0007 (signed card key) behind 照合番号B; 0004 (CVC) and 0005 (AP info) free; EF 0001 (My Number) only
/// behind the 4-digit PIN, which callers must reserve for a configured My Number purpose.
/// </summary>
public sealed class TextAp
{
    public static readonly byte[] Aid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
    public const ushort MyNumberFileId = 0x0001;
    public const ushort AttributesFile = 0x0002;
    public const ushort IntegrityFile = 0x0003;
    public const ushort CertificateFile = 0x0004;
    public const ushort ApInfoFile = 0x0005;
    public const ushort CardKeyFile = 0x0007;
    public const ushort PinKey = 0x0011;
    public const ushort VerificationNumberBKey = 0x0015;
    public const string VerificationNumberBName = "text AP 照合番号B (EF 0015)";
    public const string PinName = "text AP PIN (EF 0011)";

    /// <summary>Physical size of EF 0001 (FF 10 0C + 12 digits + FF FF); DF31 hashes all of it.</summary>
    public const int MyNumberFileLength = 17;

    public TextAp(CardSession session)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public CardSession Session { get; }

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid, cancellationToken);

    public Task<int?> VerifyAsync(VerificationNumberB number, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Session.VerifyAsync(VerificationNumberBKey, VerificationNumberBName, number.CopyDigits(), policy, cancellationToken);
    }

    public Task<int?> VerifyPinAsync(CardPin pin, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return Session.VerifyAsync(PinKey, PinName, pin.Copy(), policy, cancellationToken);
    }

    public Task<byte[]> ReadAttributesAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AttributesFile, TextAttributesFile.OuterTag, cancellationToken);

    public Task<byte[]> ReadIntegrityAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(IntegrityFile, TextIntegrityFile.OuterTag, cancellationToken);

    public Task<byte[]> ReadCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(CertificateFile, 0x7F21, cancellationToken);

    public Task<byte[]> ReadCardKeyAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(CardKeyFile, 0xFF50, cancellationToken);

    public Task<byte[]> ReadApInfoAsync(CancellationToken cancellationToken) =>
        Session.ReadBasicInfoAsync(ApInfoFile, ApBasicInfo.TextAp, cancellationToken);

    /// <summary>The whole physical EF 0001 (17 bytes incl. filler). Only after the PIN, only for a My Number purpose.</summary>
    public Task<byte[]> ReadMyNumberFileAsync(CancellationToken cancellationToken) =>
        Session.ReadFixedFileAsync(MyNumberFileId, MyNumberFileLength, cancellationToken);

    /// <summary>Card-presence signature with the AP's default key (key published in EF 0007).</summary>
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Session.ComputeSignatureAsync(0x00, 0x00, data, cancellationToken);
}

/// <summary>
/// 公的個人認証AP (JPKI AP, <c>D3 92 F0 00 26 01 00 00 00 01</c>): token info, user-authentication
/// certificate and its CA certificate without PIN; signing only on explicit request with the PIN.
/// </summary>
public sealed class JpkiAp
{
    public static readonly byte[] Aid = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    public const ushort SignCertificateFile = 0x0001;
    public const ushort SignCaCertificateFile = 0x0002;
    public const ushort TokenInfoFile = 0x0006;
    public const ushort AuthCertificateFile = 0x000A;
    public const ushort AuthCaCertificateFile = 0x000B;
    public const ushort AuthKeyFile = 0x0017;
    public const ushort AuthPinKey = 0x0018;
    public const string AuthPinName = "JPKI user-authentication PIN (EF 0018)";

    public JpkiAp(CardSession session)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public CardSession Session { get; }

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid, cancellationToken);

    public Task<byte[]> ReadTokenInfoAsync(CancellationToken cancellationToken) =>
        Session.ReadFixedFileAsync(TokenInfoFile, 160, cancellationToken);

    /// <summary>User-authentication certificate (X.509 DER), readable without PIN on physical cards.</summary>
    public Task<byte[]> ReadAuthCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AuthCertificateFile, 0x30, cancellationToken);

    public Task<byte[]> ReadAuthCaCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AuthCaCertificateFile, 0x30, cancellationToken);

    public Task<byte[]> ReadSignCaCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(SignCaCertificateFile, 0x30, cancellationToken);

    /// <summary>
    /// Signs a caller-built DigestInfo with the user-authentication key (PKCS#1 v1.5, P1 = 00). Explicit request
    /// only: presents the PIN under the retry policy first.
    /// </summary>
    public async Task<byte[]> SignWithAuthKeyAsync(CardPin pin, ReadOnlyMemory<byte> digestInfo, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        await Session.VerifyAsync(AuthPinKey, AuthPinName, pin.Copy(), policy, cancellationToken).ConfigureAwait(false);
        await Session.SelectFileAsync(AuthKeyFile, cancellationToken).ConfigureAwait(false);
        return await Session.ComputeSignatureAsync(0x00, 0x80, digestInfo, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>共通カードAP (<c>D3 92 10 00 31 00 01 01 01 00</c>): record 1 of EF 0001 (serial, municipality, expiry). Unsigned.</summary>
public sealed class CommonAp
{
    public static readonly byte[] Aid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];

    public CommonAp(CardSession session)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public CardSession Session { get; }

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid, cancellationToken);

    /// <summary>Raw record 1 of SFI 1 (<c>00 B2 01 0C</c>).</summary>
    public Task<byte[]> ReadRecordAsync(CancellationToken cancellationToken) => Session.ReadRecordAsync(1, 1, cancellationToken);

    public async Task<CommonCardRecord> ReadCardRecordAsync(CancellationToken cancellationToken) =>
        CommonCardRecord.Parse(await ReadRecordAsync(cancellationToken).ConfigureAwait(false));
}
