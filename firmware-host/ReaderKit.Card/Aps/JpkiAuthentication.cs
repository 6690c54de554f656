using System.Security.Cryptography;
using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;

namespace ReaderKit.Card.Aps;

/// <summary>
/// JPKI user authentication as a phone (or a plastic card) allows it offline: SELECT the JPKI applet, read the token
/// (EF 0006), present the authentication PIN once under the retry policy, read the user-authentication certificate
/// (EF 000A, which a phone releases only after the PIN), and have the authentication key (EF 0017) sign
/// DigestInfo(SHA-256(nonce)) for a fresh random nonce (<c>80 2A 00 80</c>, PKCS#1 v1.5; jpki/myna, OpenSC card-jpki).
/// </summary>
/// <remarks>
/// The PIN goes out in at most one VERIFY per call, only after an empty VERIFY reported a counter above the floor; a
/// blocked counter, a counter at the floor or an unknown counter sends nothing, and a link failure after the PIN left is
/// <see cref="CredentialOutcomeUnknownException"/>, never a second try. The caller owns and disposes the <see cref="CardPin"/>.
/// </remarks>
public static class JpkiAuthentication
{
    /// <summary>The nonce length (bytes): SHA-256-sized, drawn from the OS CSPRNG for every exchange.</summary>
    public const int NonceLength = 32;

    /// <summary>DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2, note 1).</summary>
    public static ReadOnlySpan<byte> Sha256DigestInfoPrefix =>
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    /// <summary>Runs the exchange over <paramref name="channel"/>.</summary>
    /// <exception cref="CredentialBlockedException">The auth PIN is blocked; nothing sent.</exception>
    /// <exception cref="RetryFloorReachedException">At or below the floor; nothing sent.</exception>
    /// <exception cref="RetryCounterUnknownException">No usable counter; nothing sent.</exception>
    /// <exception cref="CredentialRejectedException">Wrong PIN: one try spent.</exception>
    /// <exception cref="CredentialOutcomeUnknownException">The link failed with the PIN in flight: re-tap, never resend here.</exception>
    /// <exception cref="CardStatusException">The carrier refused a command (no JPKI applet, certificate not released …).</exception>
    /// <exception cref="CardTransportException">The link failed outside the VERIFY.</exception>
    public static async Task<JpkiAuthenticationEvidence> RunAsync(IApduChannel channel, CardPin pin, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(policy);
        var jpki = new JpkiAp(new CardSession(channel));
        await jpki.SelectAsync(cancellationToken).ConfigureAwait(false);
        var token = await jpki.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        var before = await jpki.VerifyAuthPinAsync(pin, policy, cancellationToken).ConfigureAwait(false);
        var certificate = await jpki.ReadAuthCertificateAsync(cancellationToken).ConfigureAwait(false);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var signature = await jpki.SignWithVerifiedAuthKeyAsync(DigestInfo(nonce), cancellationToken).ConfigureAwait(false);
        return new JpkiAuthenticationEvidence(token, certificate, nonce, signature, before);
    }

    /// <summary>DigestInfo(SHA-256(<paramref name="message"/>)): what the card pads and signs with P1 = 00.</summary>
    public static byte[] DigestInfo(ReadOnlySpan<byte> message) => [.. Sha256DigestInfoPrefix, .. SHA256.HashData(message)];
}
