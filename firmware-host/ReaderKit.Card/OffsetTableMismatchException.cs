using ReaderKit.Apdu;

namespace ReaderKit.Card;

/// <summary>The DF21 offset table disagrees with where the objects really are.</summary>
public sealed class OffsetTableMismatchException : CardDataFormatException
{
    public OffsetTableMismatchException(string message)
        : base(message)
    {
    }
}
