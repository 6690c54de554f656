using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>
/// The PN532 reported a non-zero status (low 6 bits of the status byte of InDataExchange, InCommunicateThru,
/// InRelease …) or sent an error frame (pseudo status <c>0x7F</c>). <see cref="CardTransportException.Failure"/>
/// tells the caller what to do; <see cref="StatusCode"/> keeps the chip's own code.
/// </summary>
public sealed class Pn532StatusException : CardTransportException
{
    public Pn532StatusException(byte command, byte statusCode)
        : base(Pn532StatusCodes.Failure(statusCode), string.Create(CultureInfo.InvariantCulture, $"PN532 command 0x{command:X2} failed with status 0x{statusCode:X2}: {Pn532StatusCodes.Describe(statusCode)}."))
    {
        Command = command;
        StatusCode = statusCode;
    }

    /// <summary>The PN532 command code (e.g. 0x40 InDataExchange).</summary>
    public byte Command { get; }

    /// <summary>The PN532 error code (0x01 timeout, 0x2B card gone, 0x7F error frame …).</summary>
    public byte StatusCode { get; }
}
