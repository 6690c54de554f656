using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// pcsc-lite's return codes (pcsclite.h; the same values as the Windows SCARD_* table) with their names and the
/// <see cref="CardTransportFailure"/> each one means for a tap. The tap library turns a failure into the shared
/// <c>ErrorCode</c> (<c>ReaderKit.Tap.TransportErrorCodes</c>), so one table decides what a PC/SC error looks like to callers.
/// </summary>
public static class PcscErrors
{
    public const uint Success = 0x00000000;
    public const uint InternalError = 0x80100001;
    public const uint Cancelled = 0x80100002;
    public const uint InvalidHandle = 0x80100003;
    public const uint InvalidParameter = 0x80100004;
    public const uint NoMemory = 0x80100006;
    public const uint InsufficientBuffer = 0x80100008;
    public const uint UnknownReader = 0x80100009;
    public const uint Timeout = 0x8010000A;
    public const uint SharingViolation = 0x8010000B;
    public const uint NoSmartcard = 0x8010000C;
    public const uint UnknownCard = 0x8010000D;
    public const uint ProtoMismatch = 0x8010000F;
    public const uint NotReady = 0x80100010;
    public const uint InvalidValue = 0x80100011;
    public const uint SystemCancelled = 0x80100012;
    public const uint CommError = 0x80100013;
    public const uint UnknownError = 0x80100014;
    public const uint InvalidAtr = 0x80100015;
    public const uint NotTransacted = 0x80100016;
    public const uint ReaderUnavailable = 0x80100017;
    public const uint Shutdown = 0x80100018;
    public const uint ReaderUnsupported = 0x8010001A;
    public const uint CardUnsupported = 0x8010001C;
    public const uint NoService = 0x8010001D;
    public const uint ServiceStopped = 0x8010001E;
    public const uint Unexpected = 0x8010001F;
    public const uint NoReadersAvailable = 0x8010002E;
    public const uint CommDataLost = 0x8010002F;
    public const uint ServerTooBusy = 0x80100031;
    public const uint UnsupportedCardWarning = 0x80100065;
    public const uint UnresponsiveCard = 0x80100066;
    public const uint UnpoweredCard = 0x80100067;
    public const uint ResetCard = 0x80100068;
    public const uint RemovedCard = 0x80100069;

    private static readonly FrozenDictionary<uint, (string Name, CardTransportFailure Failure, string Text)> Table = new Dictionary<uint, (string, CardTransportFailure, string)>
    {
        [InternalError] = ("SCARD_F_INTERNAL_ERROR", CardTransportFailure.ProtocolError, "internal consistency check failed"),
        [Cancelled] = ("SCARD_E_CANCELLED", CardTransportFailure.Timeout, "the wait was cancelled"),
        [InvalidHandle] = ("SCARD_E_INVALID_HANDLE", CardTransportFailure.ReaderUnavailable, "the context or card handle is no longer valid"),
        [InvalidParameter] = ("SCARD_E_INVALID_PARAMETER", CardTransportFailure.ProtocolError, "invalid parameter"),
        [NoMemory] = ("SCARD_E_NO_MEMORY", CardTransportFailure.ReaderUnavailable, "out of memory"),
        [InsufficientBuffer] = ("SCARD_E_INSUFFICIENT_BUFFER", CardTransportFailure.ProtocolError, "the answer is larger than the buffer"),
        [UnknownReader] = ("SCARD_E_UNKNOWN_READER", CardTransportFailure.ReaderUnavailable, "no such reader (unplugged?)"),
        [Timeout] = ("SCARD_E_TIMEOUT", CardTransportFailure.Timeout, "the wait ran out"),
        [SharingViolation] = ("SCARD_E_SHARING_VIOLATION", CardTransportFailure.ReaderBusy, "another application holds the reader"),
        [NoSmartcard] = ("SCARD_E_NO_SMARTCARD", CardTransportFailure.CardRemoved, "no card in the reader"),
        [UnknownCard] = ("SCARD_E_UNKNOWN_CARD", CardTransportFailure.ProtocolError, "unknown card"),
        [ProtoMismatch] = ("SCARD_E_PROTO_MISMATCH", CardTransportFailure.ProtocolError, "the card does not offer T=1"),
        [NotReady] = ("SCARD_E_NOT_READY", CardTransportFailure.ReaderUnavailable, "the reader is not ready"),
        [InvalidValue] = ("SCARD_E_INVALID_VALUE", CardTransportFailure.ProtocolError, "invalid value"),
        [SystemCancelled] = ("SCARD_E_SYSTEM_CANCELLED", CardTransportFailure.ReaderUnavailable, "the system cancelled the operation"),
        [CommError] = ("SCARD_F_COMM_ERROR", CardTransportFailure.ProtocolError, "internal communication error"),
        [UnknownError] = ("SCARD_F_UNKNOWN_ERROR", CardTransportFailure.ProtocolError, "unknown internal error"),
        [InvalidAtr] = ("SCARD_E_INVALID_ATR", CardTransportFailure.ProtocolError, "invalid ATR"),
        [NotTransacted] = ("SCARD_E_NOT_TRANSACTED", CardTransportFailure.ProtocolError, "the reader could not complete the exchange"),
        [ReaderUnavailable] = ("SCARD_E_READER_UNAVAILABLE", CardTransportFailure.ReaderUnavailable, "the reader is unavailable"),
        [Shutdown] = ("SCARD_P_SHUTDOWN", CardTransportFailure.ReaderUnavailable, "pcscd is shutting down"),
        [ReaderUnsupported] = ("SCARD_E_READER_UNSUPPORTED", CardTransportFailure.ReaderUnavailable, "reader driver unsupported"),
        [CardUnsupported] = ("SCARD_E_CARD_UNSUPPORTED", CardTransportFailure.ProtocolError, "the card is not supported"),
        [NoService] = ("SCARD_E_NO_SERVICE", CardTransportFailure.ReaderUnavailable, "pcscd is not running"),
        [ServiceStopped] = ("SCARD_E_SERVICE_STOPPED", CardTransportFailure.ReaderUnavailable, "pcscd stopped"),
        [Unexpected] = ("SCARD_E_UNEXPECTED", CardTransportFailure.ProtocolError, "unexpected error"),
        [NoReadersAvailable] = ("SCARD_E_NO_READERS_AVAILABLE", CardTransportFailure.ReaderUnavailable, "no reader is connected"),
        [CommDataLost] = ("SCARD_E_COMM_DATA_LOST", CardTransportFailure.ProtocolError, "data lost on the reader link"),
        [ServerTooBusy] = ("SCARD_E_SERVER_TOO_BUSY", CardTransportFailure.ReaderUnavailable, "pcscd is too busy"),
        [UnsupportedCardWarning] = ("SCARD_W_UNSUPPORTED_CARD", CardTransportFailure.ProtocolError, "the card's ATR is not supported"),
        [UnresponsiveCard] = ("SCARD_W_UNRESPONSIVE_CARD", CardTransportFailure.RfError, "the card does not answer the reader"),
        [UnpoweredCard] = ("SCARD_W_UNPOWERED_CARD", CardTransportFailure.CardRemoved, "the card lost power"),
        [ResetCard] = ("SCARD_W_RESET_CARD", CardTransportFailure.CardRemoved, "the card was reset (its security state is gone)"),
        [RemovedCard] = ("SCARD_W_REMOVED_CARD", CardTransportFailure.CardRemoved, "the card was removed"),
    }.ToFrozenDictionary();

    /// <summary>The symbolic name (e.g. <c>SCARD_E_SHARING_VIOLATION</c>), or the hex value for an unlisted code.</summary>
    public static string Name(uint code) =>
        code == Success ? "SCARD_S_SUCCESS" : Table.TryGetValue(code, out var e) ? e.Name : string.Create(CultureInfo.InvariantCulture, $"0x{code:X8}");

    /// <summary>A short English description.</summary>
    public static string Describe(uint code) => Table.TryGetValue(code, out var e) ? e.Text : "unlisted PC/SC error";

    /// <summary>What the code means for a tap (unlisted codes are protocol errors: fail closed).</summary>
    public static CardTransportFailure Failure(uint code) => Table.TryGetValue(code, out var e) ? e.Failure : CardTransportFailure.ProtocolError;

    /// <summary>
    /// True when a failed SCardTransmit returning <paramref name="code"/> may have delivered the command to the card: everything
    /// except the codes pcsc-lite returns before it sends (stale or removed/reset card, bad handle or parameter, no service).
    /// </summary>
    public static bool TransmitMayHaveReachedCard(uint code) => code switch
    {
        RemovedCard or ResetCard or NoSmartcard or UnpoweredCard or InvalidHandle or InvalidParameter or InvalidValue
            or NoService or InsufficientBuffer or SharingViolation or ReaderUnavailable or UnknownReader or NoMemory => false,
        _ => true,
    };
}
