using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace ReaderKit.Host.Gpio;

/// <summary>The real GPIO: libgpiod on the given gpiochip (System.Device.Gpio picks the library version).</summary>
public sealed class SystemGpioControllerFactory : IGpioControllerFactory
{
    /// <inheritdoc />
    public GpioController Open(int chip) => chip == 0 ? new GpioController() : new GpioController(new LibGpiodDriver(chip));
}
