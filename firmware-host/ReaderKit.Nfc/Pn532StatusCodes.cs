using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>The PN532 error-code table (UM0701 §7.1; same values in libnfc and nfcpy) mapped to transport failures.</summary>
public static class Pn532StatusCodes
{
    /// <summary>Pseudo status for an application-level error (syntax error) frame.</summary>
    public const byte ErrorFrame = 0x7F;

    private static readonly FrozenDictionary<byte, (CardTransportFailure Failure, string Text)> Table = new Dictionary<byte, (CardTransportFailure, string)>
    {
        [0x01] = (CardTransportFailure.Timeout, "the target did not answer in time"),
        [0x02] = (CardTransportFailure.RfError, "CRC error"),
        [0x03] = (CardTransportFailure.RfError, "parity error"),
        [0x04] = (CardTransportFailure.RfError, "erroneous bit count"),
        [0x05] = (CardTransportFailure.RfError, "framing error"),
        [0x06] = (CardTransportFailure.RfError, "abnormal bit collision"),
        [0x07] = (CardTransportFailure.ProtocolError, "communication buffer too small"),
        [0x09] = (CardTransportFailure.RfError, "RF buffer overflow"),
        [0x0A] = (CardTransportFailure.RfError, "RF field not switched on in time"),
        [0x0B] = (CardTransportFailure.RfError, "RF protocol error"),
        [0x0D] = (CardTransportFailure.ReaderUnavailable, "overheating, antenna drivers off"),
        [0x0E] = (CardTransportFailure.ProtocolError, "internal buffer overflow"),
        [0x10] = (CardTransportFailure.ProtocolError, "invalid parameter"),
        [0x12] = (CardTransportFailure.ProtocolError, "unsupported command from initiator"),
        [0x13] = (CardTransportFailure.RfError, "RF data format error"),
        [0x14] = (CardTransportFailure.ProtocolError, "MIFARE authentication error"),
        [0x23] = (CardTransportFailure.RfError, "UID check byte wrong"),
        [0x25] = (CardTransportFailure.ProtocolError, "invalid DEP state"),
        [0x26] = (CardTransportFailure.ProtocolError, "operation not allowed in this configuration"),
        [0x27] = (CardTransportFailure.CardRemoved, "command not acceptable in the current context (no such target: re-poll)"),
        [0x29] = (CardTransportFailure.CardRemoved, "target released by the initiator"),
        [0x2A] = (CardTransportFailure.CardRemoved, "card ID mismatch: a different card is present"),
        [0x2B] = (CardTransportFailure.CardRemoved, "the activated card has disappeared"),
        [0x2C] = (CardTransportFailure.ProtocolError, "NFCID3 mismatch"),
        [0x2D] = (CardTransportFailure.ReaderUnavailable, "over-current"),
        [0x2E] = (CardTransportFailure.ProtocolError, "NAD missing"),
        [ErrorFrame] = (CardTransportFailure.ProtocolError, "error frame: the chip rejected the command syntax"),
    }.ToFrozenDictionary();

    /// <summary>The transport failure class for a status code (unknown codes are protocol errors).</summary>
    public static CardTransportFailure Failure(byte statusCode) =>
        Table.TryGetValue((byte)(statusCode == ErrorFrame ? statusCode : statusCode & 0x3F), out var e) ? e.Failure : CardTransportFailure.ProtocolError;

    /// <summary>A short English description of a status code.</summary>
    public static string Describe(byte statusCode) =>
        Table.TryGetValue((byte)(statusCode == ErrorFrame ? statusCode : statusCode & 0x3F), out var e) ? e.Text : "unknown status";
}
