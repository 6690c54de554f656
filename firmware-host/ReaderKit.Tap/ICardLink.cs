namespace ReaderKit.Tap;

/// <summary>
/// A reader opened for one tap: set it up, wait for a card, hand out the card's APDU transport. Disposing it closes the reader
/// (the PN532 link; the PC/SC context). Errors are <see cref="Apdu.CardTransportException"/>s with a typed failure.
/// </summary>
public interface ICardLink : IAsyncDisposable
{
    /// <summary>What a card is on this link, for the "no card" message (e.g. <c>Type B card</c>).</summary>
    string CardKind { get; }

    /// <summary>Brings the reader up (PN532: wake-up, SAM configuration, firmware check; PC/SC: reader selection).</summary>
    /// <exception cref="Apdu.CardTransportException">The reader is missing or not answering (<c>ReaderUnavailable</c>).</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Waits for a card and connects to it. Returns as soon as one is there; polls or waits for events at <paramref name="pollInterval"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (the tap reports <c>CardNotPresent</c> when its card wait ran out).</exception>
    /// <exception cref="Apdu.CardTransportException">The reader failed, or another application holds it (<c>ReaderBusy</c>).</exception>
    Task<ICardConnection> WaitForCardAsync(TimeSpan pollInterval, CancellationToken cancellationToken);
}
