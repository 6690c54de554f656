using System.Collections.Frozen;

namespace ReaderKit.Contracts;

/// <summary>The <see cref="ErrorCode"/> table: category, retry hint and description of every code, and name lookup both ways.</summary>
public static class ErrorCodes
{
    private static readonly ErrorCodeInfo[] Table =
    [
        new(ErrorCode.Ok, ErrorCategory.None, false, "Success."),
        new(ErrorCode.CardNotPresent, ErrorCategory.Card, true, "No card came into the field within the wait."),
        new(ErrorCode.CardRemoved, ErrorCategory.Card, true, "The card left the field during the tap."),
        new(ErrorCode.CardNotSupported, ErrorCategory.Card, false, "The card is not a My Number Card or lacks the application asked for."),
        new(ErrorCode.CardDataMalformed, ErrorCategory.Card, false, "The card answered with bytes that do not parse."),
        new(ErrorCode.CredentialRejected, ErrorCategory.Credential, false, "The card rejected the credential; one try was spent."),
        new(ErrorCode.CredentialBlocked, ErrorCategory.Credential, false, "The credential is blocked; nothing was sent."),
        new(ErrorCode.RetryFloorReached, ErrorCategory.Credential, false, "Remaining tries at or below the floor; nothing was sent."),
        new(ErrorCode.RetryCounterUnknown, ErrorCategory.Credential, false, "The card reported no usable retry counter; nothing was sent."),
        new(ErrorCode.CredentialOutcomeUnknown, ErrorCategory.Credential, true, "A VERIFY may or may not have reached the card; nothing was resent. Re-tap."),
        new(ErrorCode.NotGenuine, ErrorCategory.Authenticity, false, "The card is not genuine."),
        new(ErrorCode.Expired, ErrorCategory.Authenticity, false, "The card is genuine but not valid at the verification time."),
        new(ErrorCode.ReaderUnavailable, ErrorCategory.Reader, true, "The reader is missing, unpowered or its bus failed."),
        new(ErrorCode.ReaderTimeout, ErrorCategory.Reader, true, "The reader or the card did not answer in time."),
        new(ErrorCode.ReaderProtocolError, ErrorCategory.Reader, true, "The reader or the card broke its protocol."),
        new(ErrorCode.ReaderBusy, ErrorCategory.Reader, true, "Another tap is running on this reader."),
        new(ErrorCode.TapDeadlineExceeded, ErrorCategory.Reader, true, "The tap ran past its deadline."),
        new(ErrorCode.FaceNotMatched, ErrorCategory.Face, false, "The live face did not match the chip photo."),
        new(ErrorCode.PresentationAttackSuspected, ErrorCategory.Face, false, "A presentation attack was detected."),
        new(ErrorCode.FaceCheckInconclusive, ErrorCategory.Face, true, "The face check could not decide."),
        new(ErrorCode.FaceNotChecked, ErrorCategory.Face, false, "The face was not checked although the configuration requires it."),
        new(ErrorCode.CameraUnavailable, ErrorCategory.Camera, true, "The camera could not be opened or stopped delivering frames."),
        new(ErrorCode.FaceModelsUnavailable, ErrorCategory.Camera, false, "Face models are missing or fail their checksum."),
        new(ErrorCode.StaffConfirmationRefused, ErrorCategory.Face, false, "Staff did not confirm the holder against the chip photo."),
        new(ErrorCode.Unauthorized, ErrorCategory.Session, false, "No or wrong credentials for this session."),
        new(ErrorCode.LeaseHeld, ErrorCategory.Session, true, "Another caller holds the reader lease."),
        new(ErrorCode.RateLimited, ErrorCategory.Session, true, "Too many requests."),
        new(ErrorCode.HostUnreachable, ErrorCategory.Session, true, "The ReaderKit host could not be reached."),
        new(ErrorCode.ConnectionLost, ErrorCategory.Session, true, "The connection to the ReaderKit host was lost."),
        new(ErrorCode.CertificatePinMismatch, ErrorCategory.Session, false, "The host's certificate does not match the pinned fingerprint."),
        new(ErrorCode.WaitTimedOut, ErrorCategory.Session, true, "Nothing arrived within the wait."),
        new(ErrorCode.HelloRequired, ErrorCategory.Protocol, false, "The session must start with session.hello."),
        new(ErrorCode.UnsupportedProtocol, ErrorCategory.Protocol, false, "The protocol version is not served."),
        new(ErrorCode.InvalidInput, ErrorCategory.Input, false, "Invalid input."),
        new(ErrorCode.TrustStoreInvalid, ErrorCategory.Input, false, "The trust store is invalid or a test anchor was not allowed."),
        new(ErrorCode.ConfigurationInvalid, ErrorCategory.Input, false, "The configuration is invalid."),
        new(ErrorCode.InvalidHandle, ErrorCategory.Input, false, "A handle is null, already freed or of the wrong kind."),
        new(ErrorCode.JournalUnavailable, ErrorCategory.Storage, true, "The journal cannot be opened or written."),
        new(ErrorCode.RecordNotFound, ErrorCategory.Storage, false, "No such record."),
        new(ErrorCode.Cancelled, ErrorCategory.Cancelled, true, "The request was cancelled."),
        new(ErrorCode.ParseError, ErrorCategory.Protocol, false, "The message could not be parsed."),
        new(ErrorCode.InvalidRequest, ErrorCategory.Protocol, false, "The message is not a valid request."),
        new(ErrorCode.MethodNotFound, ErrorCategory.Protocol, false, "No such method."),
        new(ErrorCode.InvalidParams, ErrorCategory.Protocol, false, "The parameters are invalid."),
        new(ErrorCode.InternalError, ErrorCategory.Internal, false, "An unexpected internal error."),
    ];

    private static readonly FrozenDictionary<ErrorCode, ErrorCodeInfo> ByCode = Table.ToFrozenDictionary(i => i.Code);

    private static readonly FrozenDictionary<ErrorCode, string> Names = Table.ToFrozenDictionary(i => i.Code, i => i.Code.ToString());

    private static readonly FrozenDictionary<string, ErrorCode> ByName = Table.ToFrozenDictionary(i => i.Code.ToString(), i => i.Code, StringComparer.Ordinal);

    /// <summary>Every code, in table order.</summary>
    public static IReadOnlyList<ErrorCodeInfo> All => Table;

    /// <summary>The table row of <paramref name="code"/>; unknown numbers (from a newer peer) map to <see cref="ErrorCode.InternalError"/>'s row with that code.</summary>
    public static ErrorCodeInfo Info(ErrorCode code) =>
        ByCode.TryGetValue(code, out var info) ? info : new ErrorCodeInfo(code, ErrorCategory.Internal, false, "Unknown error code.");

    /// <summary>The stable name, e.g. <c>RetryFloorReached</c>; a number unknown to this version becomes <c>E1234</c>.</summary>
    public static string NameOf(ErrorCode code) =>
        Names.TryGetValue(code, out var name) ? name : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"E{(int)code}");

    /// <summary>Looks a code up by its stable name (ordinal, case-sensitive).</summary>
    public static bool TryParse(string name, out ErrorCode code) => ByName.TryGetValue(name, out code);
}
