using ReaderKit.Apdu;

namespace ReaderKit.Tap;

/// <summary>The card of one tap: its raw APDU transport, and how it is released when the tap ends.</summary>
public interface ICardConnection
{
    /// <summary>The raw transport the tap wraps in an <see cref="ApduChannel"/>.</summary>
    IApduTransport Transport { get; }

    /// <summary>
    /// Releases the card so no security state (an accepted 照合番号B) outlives the tap: PN532 InRelease; PC/SC SCardDisconnect with
    /// SCARD_RESET_CARD. Runs after cancellation too, under the tap's release deadline; best effort (the card may have left).
    /// </summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
