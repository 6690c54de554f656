using System.Device.Gpio;

namespace ReaderKit.VirtualGpio;

/// <summary>One output write seen by <see cref="VirtualGpioDriver"/>, in order, with the driver's clock reading.</summary>
/// <param name="Sequence">0-based position in the driver's write log.</param>
/// <param name="Pin">The pin number (logical numbering).</param>
/// <param name="Value">The level written.</param>
/// <param name="At">When, from the driver's <see cref="TimeProvider"/>.</param>
public sealed record PinWrite(long Sequence, int Pin, PinValue Value, DateTimeOffset At);
