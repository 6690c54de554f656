using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>
/// A card answered activation but cannot carry APDUs: a Type A card whose SAK lacks bit 0x20 (not ISO/IEC 14443-4: MIFARE
/// Classic, Ultralight, NFC tags). Nothing was sent to it beyond activation; the chip's target was released.
/// Contracts: CardNotSupported.
/// </summary>
public sealed class CardNotSupportedException : CardException
{
    public CardNotSupportedException(string message)
        : base(message)
    {
    }
}
