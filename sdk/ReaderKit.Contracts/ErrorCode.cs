namespace ReaderKit.Contracts;

/// <summary>
/// Every outcome ReaderKit reports, with a number and a name that never change once published. The same table is
/// used by the tap library's verdicts, the CLI's JSON (<c>error.code</c> / <c>error.name</c>), the journal, the RPC
/// error object <c>{code, name, message, data}</c> and <c>readerkit.h</c> (<c>RK_E_*</c>).
/// </summary>
/// <remarks>
/// Ranges: 0 success; 1xxx card and credential; 2xxx reader and link; 3xxx camera and face; 4xxx session and
/// authorisation; 5xxx input, configuration and storage. Protocol-level errors reuse the JSON-RPC / LSP numbers
/// (negative). Adding a code is a minor, additive change; renumbering or reusing one is never allowed.
/// <see cref="ErrorCodes"/> holds each code's category, retry hint and one-line description.
/// </remarks>
public enum ErrorCode
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>No card came into the field within the wait.</summary>
    CardNotPresent = 1001,

    /// <summary>The card left the field during the tap.</summary>
    CardRemoved = 1002,

    /// <summary>The card in the field is not a My Number Card (or lacks the application asked for).</summary>
    CardNotSupported = 1003,

    /// <summary>The card answered with bytes that do not parse where no signature decides (e.g. a broken header).</summary>
    CardDataMalformed = 1004,

    /// <summary>The card rejected 照合番号B or the PIN; one try was spent.</summary>
    CredentialRejected = 1101,

    /// <summary>The credential is blocked; nothing was sent. Only the municipal office can reset it.</summary>
    CredentialBlocked = 1102,

    /// <summary>The remaining tries are at or below the configured floor; nothing was sent.</summary>
    RetryFloorReached = 1103,

    /// <summary>The card did not report a usable retry counter; the value was not sent.</summary>
    RetryCounterUnknown = 1104,

    /// <summary>
    /// A VERIFY may or may not have reached the card (the link failed after the command left the host). Nothing was
    /// resent; the next tap re-queries the counter.
    /// </summary>
    CredentialOutcomeUnknown = 1105,

    /// <summary>The card is not genuine: a signature, the certificate chain or the chip challenge failed.</summary>
    NotGenuine = 1201,

    /// <summary>The card is genuine but expired (or its expiry could not be established).</summary>
    Expired = 1202,

    /// <summary>The PN532 (or other reader) is missing, unpowered or its bus failed.</summary>
    ReaderUnavailable = 2001,

    /// <summary>The reader or the card did not answer within a command's deadline.</summary>
    ReaderTimeout = 2002,

    /// <summary>The reader or the card broke its protocol (corrupt frames, impossible answers).</summary>
    ReaderProtocolError = 2003,

    /// <summary>Another tap is running on this reader.</summary>
    ReaderBusy = 2004,

    /// <summary>The whole tap ran past its deadline.</summary>
    TapDeadlineExceeded = 2005,

    /// <summary>The live face did not match the verified chip photo.</summary>
    FaceNotMatched = 3001,

    /// <summary>A presentation attack (print, screen, mask, another person's replay) was detected.</summary>
    PresentationAttackSuspected = 3002,

    /// <summary>The face check ran but could not decide (no usable face, challenge not completed, too few frames).</summary>
    FaceCheckInconclusive = 3003,

    /// <summary>The face was not checked (no camera configured) although the configuration requires it.</summary>
    FaceNotChecked = 3004,

    /// <summary>The camera could not be opened or stopped delivering frames.</summary>
    CameraUnavailable = 3005,

    /// <summary>Face models are missing or fail their SHA-256 check.</summary>
    FaceModelsUnavailable = 3006,

    /// <summary>Staff confirmation was required and refused (staff-assisted path).</summary>
    StaffConfirmationRefused = 3007,

    /// <summary>No or wrong credentials for this session.</summary>
    Unauthorized = 4001,

    /// <summary>Another caller holds the reader lease.</summary>
    LeaseHeld = 4002,

    /// <summary>Too many requests; slow down.</summary>
    RateLimited = 4003,

    /// <summary>The ReaderKit host could not be reached (no socket, connection refused, TLS handshake failed).</summary>
    HostUnreachable = 4010,

    /// <summary>The connection to the ReaderKit host was lost (and, with automatic reconnect, did not come back in time).</summary>
    ConnectionLost = 4011,

    /// <summary>The host presented a certificate whose SHA-256 fingerprint is not the pinned one.</summary>
    CertificatePinMismatch = 4012,

    /// <summary>A client-side wait (for an event or a tap result) ended before anything arrived.</summary>
    WaitTimedOut = 4013,

    /// <summary>The session must start with <c>session.hello</c>.</summary>
    HelloRequired = -32002,

    /// <summary>The protocol version asked for is not served.</summary>
    UnsupportedProtocol = -32010,

    /// <summary>Invalid input: an option, a parameter or a credential that fails local validation (never echoed).</summary>
    InvalidInput = 5001,

    /// <summary>The trust store (built-in or file) is invalid, or a test anchor was used without permission.</summary>
    TrustStoreInvalid = 5002,

    /// <summary>The configuration is invalid.</summary>
    ConfigurationInvalid = 5003,

    /// <summary>A handle passed to the C library is null, already freed, or of the wrong kind.</summary>
    InvalidHandle = 5004,

    /// <summary>The journal cannot be opened or written.</summary>
    JournalUnavailable = 5101,

    /// <summary>No such record (journal, tap result).</summary>
    RecordNotFound = 5102,

    /// <summary>The request was cancelled (by the caller, a disconnect or shutdown).</summary>
    Cancelled = -32800,

    /// <summary>The message could not be parsed.</summary>
    ParseError = -32700,

    /// <summary>The message is not a valid request.</summary>
    InvalidRequest = -32600,

    /// <summary>No such method.</summary>
    MethodNotFound = -32601,

    /// <summary>The parameters are invalid.</summary>
    InvalidParams = -32602,

    /// <summary>An unexpected internal error; details are logged on the host, never sent.</summary>
    InternalError = -32603,
}
