using ReaderKit.Apdu;

namespace ReaderKit.Card;

/// <summary>
/// Data read from the card (or from a dump) does not have the expected structure: truncated or
/// malformed TLV, a missing field, a lying DF21 offset table. Messages name tags and offsets, never
/// the secret values.
/// </summary>
public class CardDataFormatException : CardException
{
    public CardDataFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
