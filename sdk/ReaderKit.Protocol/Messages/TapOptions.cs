namespace ReaderKit.Protocol.Messages;

/// <summary><c>tap.start</c> <c>options</c>: what to read and check. Absent keys take the host's configured defaults.</summary>
public sealed record TapOptions
{
    /// <summary>Personal fields to return (<see cref="PersonalField"/>); none by default.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Also read and verify the text AP (券面事項入力補助AP).</summary>
    public bool Text { get; init; }

    /// <summary>Also read and check the JPKI authentication certificate chain.</summary>
    public bool Jpki { get; init; }

    /// <summary>Run the face check; null = host default.</summary>
    public bool? Face { get; init; }

    /// <summary>Fail closed when the face cannot be checked; null = host default (a kiosk configuration can force it on).</summary>
    public bool? RequireFace { get; init; }

    /// <summary>Staff-assisted path: the chip photo is shown to staff, who confirm visually.</summary>
    public bool StaffAssisted { get; init; }

    /// <summary>Deadline for the whole tap in milliseconds; null = host default.</summary>
    public int? TimeoutMs { get; init; }
}
