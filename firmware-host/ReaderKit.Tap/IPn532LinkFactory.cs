using ReaderKit.Nfc;

namespace ReaderKit.Tap;

/// <summary>
/// Opens the PN532's host link for one tap. The real I2C, SPI and HSU factories live in <c>ReaderKit.Tap.Devices</c>;
/// tests and the simulator hand in factories over the emulated chip. The tap disposes the link it opened.
/// </summary>
public interface IPn532LinkFactory
{
    /// <summary>What the link is, for messages (e.g. <c>i2c bus 1 @ 400 kHz</c>).</summary>
    string Description { get; }

    /// <summary>Opens the link.</summary>
    /// <exception cref="IOException">The bus or port cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission on the device node.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform has no such bus.</exception>
    IPn532Link Open();
}
