using ReaderKit.Apdu;

namespace ReaderKit.Tap;

/// <summary>The card of one tap: its raw APDU transport, and how it is released when the tap ends.</summary>
public interface ICardConnection
{
    /// <summary>
    /// Sets up the card's transport once the card is there (PN532: the driver's own ISO-DEP when
    /// <see cref="CardTapOptions.Transport"/> allows and the card takes the driver's ATTRIB, else the chip's; PC/SC: nothing
    /// to do). Called once, under the tap's token (not the card-wait deadline), before <see cref="Transport"/>.
    /// </summary>
    /// <exception cref="CardTransportException">The reader failed while activating the card.</exception>
    Task<IApduTransport> OpenTransportAsync(CancellationToken cancellationToken);

    /// <summary>How the card is reached, for messages (PN532: <c>TypeA</c> / <c>TypeB</c>; PC/SC: <c>PC/SC</c>).</summary>
    string Technology { get; }

    /// <summary>The raw transport the tap wraps in an <see cref="ApduChannel"/>; set by <see cref="OpenTransportAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="OpenTransportAsync"/> has not completed.</exception>
    IApduTransport Transport { get; }

    /// <summary>
    /// Releases the card so no security state (an accepted 照合番号B) outlives the tap: PN532 S(DESELECT) of the own ISO-DEP
    /// session (or an RF field reset) then InRelease; PC/SC SCardDisconnect with
    /// SCARD_RESET_CARD. Runs after cancellation too, under the tap's release deadline; best effort (the card may have left).
    /// </summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
