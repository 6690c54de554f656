using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// An APDU was handed to pcsc-lite (<c>SCardTransmit</c>) and no answer came back — the deadline passed, the caller cancelled,
/// or the reader reported a communication failure while the card was still present — so the card may have executed it.
/// The transport never sends it again (a second VERIFY would spend a second try) and the connection is unusable afterwards.
/// <see cref="CardTransportException.Failure"/> is <see cref="CardTransportFailure.OutcomeUnknown"/> (the shared base
/// <see cref="TransportOutcomeUnknownException"/>): the card layer reports "outcome unknown, re-tap" for a VERIFY and the
/// next tap re-queries the retry counter (the same rule as the PN532 path).
/// </summary>
public sealed class PcscOutcomeUnknownException : TransportOutcomeUnknownException
{
    public PcscOutcomeUnknownException(byte instruction, TimeSpan waited, string reason, Exception? inner = null)
        : base(
            waited,
            string.Create(CultureInfo.InvariantCulture, $"PC/SC transmit of INS {instruction:X2}: {reason} after {waited.TotalMilliseconds:0} ms; the card may have executed it, so it was not sent again."),
            inner)
    {
        Instruction = instruction;
    }

    /// <summary>The instruction byte of the command whose outcome is unknown.</summary>
    public byte Instruction { get; }
}
