using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>
/// A command that carries card data (InDataExchange 0x40, InCommunicateThru 0x42) was written to the PN532, and neither
/// its ACK nor its answer came back (or only noise did) before the deadline: the chip may have taken it and passed it
/// to the card. The driver did not send it again, because a second copy would be a second command on the card (a
/// second VERIFY spends a second try). The chip was ACK-aborted afterwards. <see cref="CardTransportException.Failure"/>
/// is <see cref="CardTransportFailure.OutcomeUnknown"/> (the shared base <see cref="TransportOutcomeUnknownException"/>);
/// the card layer turns it into "outcome unknown, re-tap" for a VERIFY and the next tap re-queries the retry counter.
/// </summary>
public sealed class Pn532OutcomeUnknownException : TransportOutcomeUnknownException
{
    public Pn532OutcomeUnknownException(byte command, TimeSpan waited, string reason, Exception? inner = null)
        : base(
            waited,
            string.Create(CultureInfo.InvariantCulture, $"PN532 command 0x{command:X2}: {reason} within {waited.TotalMilliseconds:0} ms; the chip may have executed it, so it was not sent again."),
            inner)
    {
        Command = command;
    }

    /// <summary>The PN532 command code (0x40 InDataExchange or 0x42 InCommunicateThru).</summary>
    public byte Command { get; }
}
