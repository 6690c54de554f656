namespace ReaderKit.Apdu;

/// <summary>Base of every error raised while exchanging APDUs with a card.</summary>
public abstract class CardException : Exception
{
    protected CardException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Bytes that do not form a valid command or response APDU.</summary>
public sealed class MalformedApduException : CardException
{
    public MalformedApduException(string message)
        : base(message)
    {
    }
}

/// <summary>The card answered, but not with 9000. Carries the instruction and the status word.</summary>
public class CardStatusException : CardException
{
    public CardStatusException(byte instruction, StatusWord statusWord, string? message = null)
        : base(message ?? $"Card answered {statusWord} to INS {instruction:X2}.")
    {
        Instruction = instruction;
        StatusWord = statusWord;
    }

    public byte Instruction { get; }

    public StatusWord StatusWord { get; }
}

/// <summary>What went wrong below the APDU layer.</summary>
public enum CardTransportFailure
{
    /// <summary>No answer within the command's deadline.</summary>
    Timeout,

    /// <summary>The card left the field (or a different card is present).</summary>
    CardRemoved,

    /// <summary>RF errors (CRC, parity, framing) that retries did not clear.</summary>
    RfError,

    /// <summary>The reader or link broke its protocol (bad frames, unexpected answers).</summary>
    ProtocolError,

    /// <summary>The reader itself is missing, unpowered or not answering.</summary>
    ReaderUnavailable,

    /// <summary>
    /// The command left the host, but the transport cannot tell whether the reader (and so the card) executed it: no
    /// acknowledgement and no answer came. The transport did not send it again. A caller must treat a state-changing
    /// command (VERIFY, CHANGE REFERENCE DATA, signing) as possibly executed.
    /// </summary>
    OutcomeUnknown,

    /// <summary>
    /// Another application holds the reader (PC/SC: <c>SCARD_E_SHARING_VIOLATION</c> on an exclusive connect). Nothing was
    /// sent to the card.
    /// </summary>
    ReaderBusy,
}

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
