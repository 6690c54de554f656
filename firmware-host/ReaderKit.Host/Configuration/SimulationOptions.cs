namespace ReaderKit.Host.Configuration;

/// <summary>
/// <c>Reader:Simulation</c>: which simulated world stands behind the same interfaces as the hardware. The host never
/// branches on it inside a library; the composition step that builds the host chooses the simulated factories when
/// <see cref="Enabled"/> is true.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>True to run against the PN532 emulator, a virtual card and a virtual camera.</summary>
    public bool Enabled { get; set; }

    /// <summary>The virtual card's persona: a name from the simulator's persona catalogue (checked at start).</summary>
    public string Persona { get; set; } = "yamada-taro";

    /// <summary>The emulated PN532 link: <c>i2c</c>, <c>spi</c> or <c>hsu</c> (the simulator's list, checked at start).</summary>
    public string Link { get; set; } = "spi";

    /// <summary>What stands in front of the virtual camera: <c>live</c>, <c>print</c>, <c>waved-print</c>, <c>screen</c> or <c>other-person</c>.</summary>
    public string Presentation { get; set; } = "live";

    /// <summary>True to pace the emulator like the real link (default); false runs as fast as the host can.</summary>
    public bool Pacing { get; set; } = true;

    /// <summary>
    /// True (default) for a simulated customer: the field is empty until the reader asks for a card (a tap request is
    /// waiting), then the persona's card is tapped; it is taken away when the reader asks for its removal. So a
    /// standalone simulated host idles like a real one and completes every tap an SDK client starts. False leaves the
    /// field to whoever drives the world (the <c>readerkit demo</c> verb, tests).
    /// </summary>
    public bool AutoTap { get; set; } = true;
}
