namespace ReaderKit.Apdu;

/// <summary>
/// A command was handed to the reader, and neither an acknowledgement nor an answer came back before the transport's
/// deadline: the card may have executed it. The transport did not send it again (a second VERIFY spends a second try).
/// <see cref="CardTransportException.Failure"/> is always <see cref="CardTransportFailure.OutcomeUnknown"/>. Each
/// transport raises its own subclass with its own detail (the PN532 command code, the PC/SC instruction byte); the card
/// and tap layers catch this one type, whichever link raised it.
/// </summary>
public abstract class TransportOutcomeUnknownException : CardTransportException
{
    /// <param name="waited">How long the transport waited for the acknowledgement or the answer.</param>
    /// <param name="message">The transport's message: command and instruction bytes and timings, never command data.</param>
    /// <param name="inner">The link failure behind it, if any.</param>
    protected TransportOutcomeUnknownException(TimeSpan waited, string message, Exception? inner = null)
        : base(CardTransportFailure.OutcomeUnknown, message, inner)
    {
        Waited = waited;
    }

    /// <summary>How long the transport waited for the acknowledgement or the answer.</summary>
    public TimeSpan Waited { get; }
}
