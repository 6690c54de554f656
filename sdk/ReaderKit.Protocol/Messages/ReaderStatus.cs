namespace ReaderKit.Protocol.Messages;

/// <summary><c>reader.getStatus</c> result: the snapshot a client reads after connecting or after an event gap.</summary>
/// <param name="State">The reader state (<see cref="ReaderStates"/>).</param>
/// <param name="Mode">online / offline / unknown (<see cref="ReaderModes"/>).</param>
/// <param name="CardPresent">A card is in the field.</param>
/// <param name="ReaderOk">The PN532 answers.</param>
public sealed record ReaderStatus(string State, string Mode, bool CardPresent, bool ReaderOk)
{
    /// <summary>The camera delivers frames; null when no camera is configured.</summary>
    public bool? CameraOk { get; init; }

    /// <summary>Who holds the reader lease (client name), or null.</summary>
    public string? LeaseHolder { get; init; }

    /// <summary>The running tap, or null.</summary>
    public string? CurrentTapId { get; init; }

    /// <summary>One line on what is wrong when <see cref="ReaderOk"/> is false.</summary>
    public string? Detail { get; init; }
}
