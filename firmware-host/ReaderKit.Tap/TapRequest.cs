using ReaderKit.Card.Credentials;

namespace ReaderKit.Tap;

/// <summary>
/// One tap's inputs. The tap zeroes <see cref="NumberB"/> (disposes it) when it ends, whatever the outcome; the caller may
/// dispose it again.
/// </summary>
public sealed record TapRequest
{
    /// <summary>照合番号B for the surface (and text) AP.</summary>
    public required VerificationNumberB NumberB { get; init; }

    /// <summary>Also read the text AP (name, address as text; presents 照合番号B to it under the same floor).</summary>
    public bool ReadTextAp { get; init; }

    /// <summary>Also check the JPKI user-authentication certificate path (advisory).</summary>
    public bool ReadJpki { get; init; }

    /// <summary>Run the face step when a camera is configured (false: the staff visual check replaces it; face not checked).</summary>
    public bool RunFace { get; init; } = true;

    /// <summary>A face that was not checked (no camera, or <see cref="RunFace"/> false) refuses the tap instead of leaving it to the caller.</summary>
    public bool RequireFace { get; init; }

    /// <summary>
    /// Refuse to send 照合番号B when this many tries or fewer remain (at least 1: the last try is never spent by accident).
    /// </summary>
    public int Floor { get; init; } = RetryPolicy.Default.Floor;

    /// <summary>Explicitly allow spending the last try (staffed counter only).</summary>
    public bool AllowLastTry { get; init; }

    /// <summary>Which personal fields the verdict carries.</summary>
    public TapPersonalFields PersonalFields { get; init; }
}
