namespace ReaderKit.Host.Diagnostics;

/// <summary>What a reader probe found.</summary>
/// <param name="Link">The link as configured, e.g. <c>spi bus 0 cs 8 @ 1 MHz</c>.</param>
/// <param name="Firmware">The chip's firmware (e.g. <c>PN532 v1.6</c>), or null when it did not answer.</param>
/// <param name="SupportsTypeB">True when the firmware reports ISO 14443-B support.</param>
/// <param name="CardInField">True when a Type B card answered, false when none; null when not asked.</param>
/// <param name="Error">Why the chip did not answer, or null.</param>
public sealed record ReaderProbeResult(string Link, string? Firmware, bool SupportsTypeB, bool? CardInField, string? Error)
{
    /// <summary>The fix for this failure when the probe knows a specific one (the bus is not enabled, the port does not exist), or null for the general wiring advice.</summary>
    public string? Fix { get; init; }
}
