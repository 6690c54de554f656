namespace ReaderKit.Apdu;

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
