namespace ReaderKit.Simulation;

/// <summary>What the simulated world looks like (the host binds it from <c>Reader:Simulation</c>).</summary>
public sealed record SimulatedWorldOptions
{
    /// <summary>The links the emulated PN532 can be attached by.</summary>
    public static readonly IReadOnlyList<string> Links = ["i2c", "spi", "hsu"];

    /// <summary>What can stand in front of the virtual camera.</summary>
    public static readonly IReadOnlyList<string> Presentations = ["live", "print", "screen", "other-person"];

    /// <summary>The virtual card's persona (<c>PersonaCatalog</c>); its card is in the field from the start unless <see cref="CardInFieldAtStart"/> is false.</summary>
    public string Persona { get; init; } = "yamada-taro";

    /// <summary><c>i2c</c>, <c>spi</c> or <c>hsu</c> (a pseudo-terminal driven by the production HSU link).</summary>
    public string Link { get; init; } = "spi";

    /// <summary>Who or what the camera sees: <c>live</c> (the holder), <c>print</c> (a printed photo held still), <c>screen</c> (a tablet replaying a video of the holder), <c>other-person</c>.</summary>
    public string Presentation { get; init; } = "live";

    /// <summary>
    /// The face models the virtual camera builds the holder's 3-D head from for the <c>screen</c> scene (null: the models
    /// <c>FaceModelFiles.Locate</c> finds). The other scenes need no models.
    /// </summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Pace the emulator like the real link and RF air time (default); false answers at once.</summary>
    public bool Pacing { get; init; } = true;

    /// <summary>Put the persona's card in the field when the world is built.</summary>
    public bool CardInFieldAtStart { get; init; } = true;

    /// <summary>Frames the virtual camera renders per presentation (replayed in a loop).</summary>
    public int CameraFrames { get; init; } = 12;

    /// <summary>Camera frame rate when replaying (frames per second).</summary>
    public double CameraFramesPerSecond { get; init; } = 15;

    /// <summary>Clock for the emulator's pacing and the camera.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
