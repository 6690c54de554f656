using System.Device.Gpio;

namespace ReaderKit.Host.Gpio;

/// <summary>
/// Opens the GPIO controller for a gpiochip. Production uses <see cref="SystemGpioControllerFactory"/> (the kernel's
/// character device through System.Device.Gpio); the simulation composition registers one that hands out a controller
/// over a simulated <see cref="GpioDriver"/>. The host code above it is the same either way.
/// </summary>
public interface IGpioControllerFactory
{
    /// <summary>Opens a controller for gpiochip <paramref name="chip"/>.</summary>
    GpioController Open(int chip);
}
