using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>The PN532 did not answer a command within its host-side deadline; the command was aborted with an ACK.</summary>
public sealed class Pn532TimeoutException : CardTransportException
{
    public Pn532TimeoutException(byte command, TimeSpan timeout, string phase)
        : base(CardTransportFailure.Timeout, string.Create(CultureInfo.InvariantCulture, $"PN532 command 0x{command:X2}: no {phase} within {timeout.TotalMilliseconds:0} ms; command aborted."))
    {
        Command = command;
        Timeout = timeout;
    }

    public byte Command { get; }

    public TimeSpan Timeout { get; }
}
