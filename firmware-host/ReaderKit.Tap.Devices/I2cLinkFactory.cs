using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Tap.Devices;

/// <summary>A PN532 on a Linux I2C bus (<c>/dev/i2c-N</c>, address 0x24).</summary>
/// <param name="Bus">The bus number (the Pi's header is bus 1).</param>
/// <param name="ClockKhz">The bus clock configured in config.txt (100 or 400); used for timing estimates.</param>
public sealed record I2cLinkFactory(int Bus = 1, int ClockKhz = 100) : IPn532LinkFactory
{
    public string Description => string.Create(CultureInfo.InvariantCulture, $"i2c bus {Bus} @ {ClockKhz} kHz");

    public IPn532Link Open() => Pn532I2cLink.Open(Bus, new Pn532I2cOptions(BusFrequencyHz: ClockKhz * 1000));
}
