using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>
/// The VERIFY carrying the value left the host, but the link failed before its answer arrived (no ACK and no answer,
/// a timeout, a card that left the field, an RF error, a reader that broke its protocol): the card may or may not have
/// counted the try — at most one, because nothing was sent again. Re-tap: the next attempt queries the counter first.
/// <see cref="Exception.InnerException"/> is the transport failure. Contracts: <c>ErrorCode.CredentialOutcomeUnknown</c>
/// (1105).
/// </summary>
public sealed class CredentialOutcomeUnknownException : CredentialException
{
    public CredentialOutcomeUnknownException(string credential, int triesBeforeAttempt, CardTransportException inner)
        : base(
            credential,
            null,
            string.Create(CultureInfo.InvariantCulture, $"{credential}: the link failed after the value was sent; the card may have counted one try ({triesBeforeAttempt} left before it). Nothing was resent; re-tap."),
            inner)
    {
        TriesBeforeAttempt = triesBeforeAttempt;
    }

    /// <summary>Tries left before the value was sent; now that many or one fewer.</summary>
    public int TriesBeforeAttempt { get; }

    /// <summary>The transport failure (never contains APDU data).</summary>
    public CardTransportException Transport => (CardTransportException)InnerException!;
}
