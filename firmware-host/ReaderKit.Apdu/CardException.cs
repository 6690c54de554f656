namespace ReaderKit.Apdu;

/// <summary>Base of every error raised while exchanging APDUs with a card.</summary>
public abstract class CardException : Exception
{
    protected CardException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
