using System.Globalization;

namespace ReaderKit.Tap.Devices;

/// <summary>Builds the link factory a configuration names (<c>i2c</c>, <c>spi</c> or <c>hsu</c>).</summary>
public static class LinkFactories
{
    /// <summary>The factory for <paramref name="link"/>; bus -1 means the link's default bus.</summary>
    /// <exception cref="ArgumentException">An unknown link name.</exception>
    public static IPn532LinkFactory Create(string link, int bus = -1, int i2cKhz = 100, int chipSelectGpio = 8, int spiHz = 1_000_000, string port = "/dev/serial0", int baud = 115_200)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.ToLowerInvariant() switch
        {
            "i2c" => new I2cLinkFactory(bus < 0 ? 1 : bus, i2cKhz),
            "spi" => new SpiLinkFactory(bus < 0 ? 0 : bus, chipSelectGpio, spiHz),
            "hsu" => new HsuLinkFactory(port, baud),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown link '{link}': use i2c, spi or hsu."), nameof(link)),
        };
    }
}
