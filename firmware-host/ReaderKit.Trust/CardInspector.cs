using System.Security.Cryptography;
using ReaderKit.Apdu;
using ReaderKit.Card;
using ReaderKit.Card.Credentials;

namespace ReaderKit.Trust;

/// <summary>
/// The layer that touches the card. It reads each application over an <see cref="IApduChannel"/>, presents 照合番号B
/// under the retry policy, hands the raw bytes to the per-application verifiers (<see cref="SurfaceVerifier"/>,
/// <see cref="TextVerifier"/>, <see cref="JpkiVerifier"/>, <see cref="CommonVerifier"/> — the same code
/// <c>verify-dump</c> runs) and proves the chip is present with fresh challenges against the signed chip keys.
/// One instance holds configuration only and may serve many taps, also concurrently; each <see cref="InspectAsync"/>
/// call keeps its own state.
/// </summary>
public sealed class CardInspector
{
    /// <summary>Size of the random challenge nonce.</summary>
    public const int NonceLength = 32;

    private readonly RandomNumberGenerator? _nonceSource;

    /// <param name="trust">Anchors and the test-anchor policy (<see cref="TrustOptions.AllowTestAnchors"/>).</param>
    /// <param name="options">What to read and the retry policy.</param>
    /// <param name="timeProvider">Clock for step timings and the default verification time (null: the system clock).</param>
    /// <param name="nonceSource">Random source for challenge nonces (null: the system's cryptographic generator).</param>
    public CardInspector(TrustOptions trust, CardInspectionOptions options, TimeProvider? timeProvider = null, RandomNumberGenerator? nonceSource = null)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        TimeProvider = timeProvider ?? TimeProvider.System;
        _nonceSource = nonceSource;
    }

    public TrustOptions Trust { get; }

    public CardInspectionOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Inspects the card in the field. Credential problems are thrown (typed) before any data is read; every data problem —
    /// including a chip that answers the challenge with garbage, a refusal status or a broken response — is a failed check,
    /// so a clone reads as "not genuine", not as a reader error. Only transport failures that are not the card's answer
    /// (timeout, card removed, reader unavailable) propagate.
    /// </summary>
    /// <param name="channel">The card's APDU channel.</param>
    /// <param name="verificationNumberB">照合番号B (not disposed here).</param>
    /// <param name="progress">Told when each step completes (may be null).</param>
    /// <param name="cancellationToken">Cancels between and during card commands.</param>
    /// <exception cref="CredentialBlockedException">照合番号B is blocked (no VERIFY sent).</exception>
    /// <exception cref="RetryFloorReachedException">Too few tries left (no VERIFY sent).</exception>
    /// <exception cref="CredentialRejectedException">The card rejected 照合番号B.</exception>
    /// <exception cref="CardStatusException">The card is not a My Number Card or refused a command outside the challenge.</exception>
    /// <exception cref="CardTransportException">The card left the field, timed out, or the reader failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task<VerifiedCard> InspectAsync(IApduChannel channel, VerificationNumberB verificationNumberB, IProgress<CardInspectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(verificationNumberB);
        return new CardInspectionRun(this, channel, verificationNumberB, progress, cancellationToken).ExecuteAsync();
    }

    /// <summary>A fresh challenge nonce.</summary>
    internal byte[] NewNonce()
    {
        var nonce = new byte[NonceLength];
        if (_nonceSource is null)
        {
            RandomNumberGenerator.Fill(nonce);
        }
        else
        {
            _nonceSource.GetBytes(nonce);
        }

        return nonce;
    }
}
