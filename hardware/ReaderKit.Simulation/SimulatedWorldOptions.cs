namespace ReaderKit.Simulation;

/// <summary>What the simulated world looks like (the host binds it from <c>Reader:Simulation</c>).</summary>
public sealed record SimulatedWorldOptions
{
    /// <summary>The links the emulated PN532 can be attached by.</summary>
    public static readonly IReadOnlyList<string> Links = ["i2c", "spi", "hsu"];

    /// <summary>What can stand in front of the virtual camera.</summary>
    public static readonly IReadOnlyList<string> Presentations = ["live", "print", "waved-print", "screen", "other-person"];

    /// <summary>The virtual card's persona (<c>PersonaCatalog</c>); its card is in the field from the start unless <see cref="CardInFieldAtStart"/> is false.</summary>
    public string Persona { get; init; } = "yamada-taro";

    /// <summary><c>i2c</c>, <c>spi</c> or <c>hsu</c> (a pseudo-terminal driven by the production HSU link).</summary>
    public string Link { get; init; } = "spi";

    /// <summary>
    /// Who or what the camera sees: <c>live</c> (the holder, following the challenge prompts), <c>print</c> (a printed photo
    /// held still), <c>waved-print</c> (a hand-held print waved gently), <c>screen</c> (a tablet replaying a video of the
    /// holder), <c>other-person</c> (someone else following the prompts).
    /// </summary>
    public string Presentation { get; init; } = "live";

    /// <summary>Pace the emulator like the real link and RF air time (default); false answers at once.</summary>
    public bool Pacing { get; init; } = true;

    /// <summary>Put the persona's card in the field when the world is built.</summary>
    public bool CardInFieldAtStart { get; init; } = true;

    /// <summary>
    /// The face models the virtual kiosk camera builds each sample face's head from (FaceMesh geometry, once per face and
    /// process); null: <c>FaceModelFiles.Locate</c>.
    /// </summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Clock for the emulator's pacing.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
