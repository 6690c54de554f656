using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>The chip answered GetFirmwareVersion but is not a PN532, or its firmware lacks ISO 14443 Type B.</summary>
public sealed class Pn532UnsupportedChipException : CardTransportException
{
    public Pn532UnsupportedChipException(Pn532FirmwareVersion version, string reason)
        : base(CardTransportFailure.ReaderUnavailable, $"Unsupported reader chip ({version}): {reason}.")
    {
        Version = version;
    }

    public Pn532FirmwareVersion Version { get; }
}
