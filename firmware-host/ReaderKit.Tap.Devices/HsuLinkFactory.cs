using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Tap.Devices;

/// <summary>A PN532 on a UART (HSU), e.g. <c>/dev/serial0</c> or the simulator's pseudo-terminal.</summary>
/// <param name="Port">The serial device.</param>
/// <param name="Baud">The baud rate (the PN532 starts at 115200).</param>
public sealed record HsuLinkFactory(string Port = "/dev/serial0", int Baud = 115_200) : IPn532LinkFactory
{
    public string Description => string.Create(CultureInfo.InvariantCulture, $"hsu {Port} @ {Baud}");

    public IPn532Link Open() => Pn532HsuLink.Open(Port, Baud);
}
