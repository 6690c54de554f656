using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;

namespace ReaderKit.Card.Aps;

/// <summary>
/// 公的個人認証AP (JPKI AP, <c>D3 92 F0 00 26 01 00 00 00 01</c>): token info, user-authentication
/// certificate and its CA certificate without PIN; signing only on explicit request with the PIN.
/// </summary>
public sealed class JpkiAp
{
    public static ReadOnlySpan<byte> Aid => [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
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

    public Task SelectAsync(CancellationToken cancellationToken) => Session.SelectApplicationAsync(Aid.ToArray(), cancellationToken);

    public Task<byte[]> ReadTokenInfoAsync(CancellationToken cancellationToken) =>
        Session.ReadFixedFileAsync(TokenInfoFile, 160, cancellationToken);

    /// <summary>User-authentication certificate (X.509 DER): readable without PIN on plastic cards, only after the auth PIN on phones.</summary>
    public Task<byte[]> ReadAuthCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AuthCertificateFile, 0x30, cancellationToken);

    public Task<byte[]> ReadAuthCaCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(AuthCaCertificateFile, 0x30, cancellationToken);

    public Task<byte[]> ReadSignCaCertificateAsync(CancellationToken cancellationToken) =>
        Session.ReadObjectFileAsync(SignCaCertificateFile, 0x30, cancellationToken);

    /// <summary>Reads EF 0006 and names the carrier (phone or plastic card) from its label.</summary>
    public async Task<JpkiTokenInfo> ReadTokenAsync(CancellationToken cancellationToken) =>
        JpkiTokenInfo.Parse(await ReadTokenInfoAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Presents the user-authentication PIN (EF 0018) under <paramref name="policy"/>: the counter is queried first without
    /// spending a try, the value goes out at most once and never again after an unknown outcome (<see cref="CardSession.VerifyAsync"/>).
    /// </summary>
    /// <returns>The tries left before the PIN was sent; null when the key was already verified (nothing sent).</returns>
    public Task<int?> VerifyAuthPinAsync(CardPin pin, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return Session.VerifyAsync(AuthPinKey, AuthPinName, pin.Copy(), policy, cancellationToken);
    }

    /// <summary>
    /// Signs a caller-built DigestInfo with the user-authentication key (EF 0017, <c>80 2A 00 80</c>, PKCS#1 v1.5) after
    /// <see cref="VerifyAuthPinAsync"/> succeeded in this session; sends no VERIFY.
    /// </summary>
    public async Task<byte[]> SignWithVerifiedAuthKeyAsync(ReadOnlyMemory<byte> digestInfo, CancellationToken cancellationToken)
    {
        await Session.SelectFileAsync(AuthKeyFile, cancellationToken).ConfigureAwait(false);
        return await Session.ComputeSignatureAsync(0x00, 0x80, digestInfo, cancellationToken).ConfigureAwait(false);
    }

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
