namespace ReaderKit.Pcsc;

/// <summary>One reader's state as <c>SCardGetStatusChange</c> reported it.</summary>
/// <param name="Reader">The reader's name.</param>
/// <param name="CardPresent">A card is in the field and answered (present and not mute).</param>
/// <param name="InUse">Another connection is open on the card (shared).</param>
/// <param name="Exclusive">Another application holds the card exclusively.</param>
/// <param name="Atr">The card's ATR (empty without a card).</param>
/// <param name="EventCount">pcsc-lite's card event counter (upper 16 bits of the event state): changes with every insertion or removal.</param>
public sealed record PcscReaderStatus(string Reader, bool CardPresent, bool InUse, bool Exclusive, ReadOnlyMemory<byte> Atr, int EventCount);
