namespace ReaderKit.Apdu;

/// <summary>
/// The APDU could not be delivered or its answer not received. Transport layers (the PN532 driver,
/// PC/SC bridges) raise subclasses carrying their own detail (for example the PN532 status code).
/// </summary>
public class CardTransportException : CardException
{
    public CardTransportException(CardTransportFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    public CardTransportFailure Failure { get; }
}
