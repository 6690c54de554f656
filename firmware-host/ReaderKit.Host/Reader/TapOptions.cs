namespace ReaderKit.Host.Reader;

/// <summary>What a caller asks of one tap.</summary>
public sealed record TapOptions
{
    /// <summary>How the holder is checked.</summary>
    public IdentityCheck Identity { get; init; } = IdentityCheck.Face;

    /// <summary>True when staff are present to take the visual-check fallback; an unattended kiosk passes false.</summary>
    public bool StaffPresent { get; init; }

    /// <summary>Return the personal fields (name, address, birth date) to the caller in the result; default false.</summary>
    public bool ReturnPersonalFields { get; init; }

    /// <summary>Return the verified chip photo to the caller in the result; default false (the staff path shows it regardless).</summary>
    public bool ReturnChipPhoto { get; init; }

    /// <summary>Return the live frame the face match scored best (JPEG) to the caller; default false. Never journaled.</summary>
    public bool ReturnLiveFrame { get; init; }

    /// <summary>True to require a face match (or staff confirmation) for ACCEPT even when <c>Reader:RequireFace</c> is off; a caller can raise the requirement, never lower it.</summary>
    public bool RequireFace { get; init; }

    /// <summary>A shorter deadline for this tap than <c>Reader:TapDeadline</c>, or null; a longer one is cut to the configured deadline.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>Also read and verify the text AP (券面事項入力補助AP).</summary>
    public bool ReadTextAp { get; init; }

    /// <summary>Also read and check the JPKI authentication certificate chain.</summary>
    public bool ReadJpki { get; init; }
}
