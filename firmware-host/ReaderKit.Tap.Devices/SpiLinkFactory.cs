using System.Device.Gpio;
using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Tap.Devices;

/// <summary>A PN532 on a Linux SPI bus, its NSS pin driven as a GPIO.</summary>
/// <param name="Bus">The SPI bus.</param>
/// <param name="ChipSelectGpio">The GPIO (BCM number) wired to NSS.</param>
/// <param name="ClockHz">The SPI clock (the PN532's maximum is 5 MHz).</param>
public sealed record SpiLinkFactory(int Bus = 0, int ChipSelectGpio = 8, int ClockHz = 1_000_000) : IPn532LinkFactory
{
    public string Description => string.Create(CultureInfo.InvariantCulture, $"spi bus {Bus}, CS GPIO {ChipSelectGpio} @ {ClockHz / 1000} kHz");

    public IPn532Link Open() => Pn532SpiLink.Open(new GpioController(), ChipSelectGpio, Bus, ClockHz);
}
