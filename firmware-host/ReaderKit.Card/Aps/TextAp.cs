using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;

namespace ReaderKit.Card.Aps;

/// <summary>
/// 券面事項入力補助AP (text AP, <c>D3 92 10 00 31 00 01 01 04 08</c>): EF 0002 (4 facts), 0003 (integrity),
/// 0007 (signed card key) behind 照合番号B; 0004 (CVC) and 0005 (AP info) free; EF 0001 (My Number) only
/// behind the 4-digit PIN, which callers must reserve for a configured My Number purpose.
/// </summary>
public sealed class TextAp
{
    public static ReadOnlySpan<byte> Aid => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
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

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid.ToArray(), cancellationToken);

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
