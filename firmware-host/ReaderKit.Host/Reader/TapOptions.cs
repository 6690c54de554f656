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
}
