namespace ReaderKit.Tap;

/// <summary>
/// Opens the reader for one tap, whatever kind it is: a PN532 on I2C/SPI/HSU (<see cref="Pn532CardLinkFactory"/>) or a PC/SC
/// reader (<c>ReaderKit.Tap.Devices.PcscCardLinkFactory</c>). The tap opens one <see cref="ICardLink"/> per tap and disposes it.
/// </summary>
public interface ICardLinkFactory
{
    /// <summary>What the reader is, for messages (e.g. <c>i2c bus 1 @ 400 kHz</c>, <c>PC/SC reader 'SONY FeliCa Port/PaSoRi 3.0'</c>).</summary>
    string Description { get; }

    /// <summary>Opens the reader (nothing is sent to a card yet).</summary>
    /// <param name="options">The tap's options (the PN532 link takes its chip settings from them).</param>
    /// <param name="clock">The tap's clock.</param>
    /// <exception cref="IOException">The bus, port or service cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission on the device node.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform has no such bus.</exception>
    /// <exception cref="ArgumentException">The configuration names no usable reader.</exception>
    ICardLink Open(CardTapOptions options, TimeProvider clock);
}
