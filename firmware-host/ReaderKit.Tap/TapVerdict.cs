using ReaderKit.Contracts;
using ReaderKit.Trust;

namespace ReaderKit.Tap;

/// <summary>
/// The closed result of one tap. <see cref="Kind"/> is one of <see cref="VerdictKind"/>; <see cref="Error"/> is
/// <see cref="ErrorCode.Ok"/> exactly when the kind is <see cref="VerdictKind.Accepted"/>. "Face not checked" is stated in
/// <see cref="Face"/> (<see cref="TapFaceOutcome.NotChecked"/>): with <see cref="TapRequest.RequireFace"/> it is a
/// <see cref="VerdictKind.FaceNotAccepted"/> verdict with <see cref="ErrorCode.FaceNotChecked"/>; without, the card is
/// accepted and the caller decides (the CLI prints it, the host falls back to staff). Never holds 照合番号B or the My Number;
/// personal fields only as <see cref="TapRequest.PersonalFields"/> asked.
/// </summary>
public sealed record TapVerdict
{
    internal TapVerdict()
    {
    }

    /// <summary>What the kiosk acts on.</summary>
    public required VerdictKind Kind { get; init; }

    /// <summary>The reason in the shared table (<see cref="ErrorCode.Ok"/> when accepted).</summary>
    public required ErrorCode Error { get; init; }

    /// <summary>One line for people and logs; never carries a secret.</summary>
    public required string Message { get; init; }

    /// <summary>True for <see cref="VerdictKind.Accepted"/>.</summary>
    public bool IsAccepted => Kind == VerdictKind.Accepted;

    /// <summary>Every check in order: the card's, then the face's.</summary>
    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    /// <summary>Timed spans of the tap (card and face overlap).</summary>
    public IReadOnlyList<TapTiming> Timings { get; init; } = [];

    /// <summary>From the start of the tap to the verdict.</summary>
    public TimeSpan Total { get; init; }

    /// <summary>The anchor the surface CVC chained to (the one that made the card genuine), or null.</summary>
    public TrustAnchor? TrustAnchor { get; init; }

    /// <summary>Every anchor a passing check used.</summary>
    public IReadOnlyList<TrustAnchor> AnchorsUsed { get; init; } = [];

    /// <summary>The surface 照合番号B counter as this tap saw it, when the credential step ran.</summary>
    public Retries? Retries { get; init; }

    /// <summary>True when the card was read and judged: <see cref="Genuine"/> and <see cref="ValidAtVerificationTime"/> are meaningful.</summary>
    public bool CardRead { get; init; }

    /// <summary>Every core check (CVC, DF28, chip challenge) passed and no other authenticity check failed.</summary>
    public bool Genuine { get; init; }

    /// <summary>The card had not expired at the verification time.</summary>
    public bool ValidAtVerificationTime { get; init; }

    /// <summary>Genuine, valid, credential accepted: only the face remains.</summary>
    public bool CardVerified => CardRead && Genuine && ValidAtVerificationTime;

    /// <summary>The instant validity was judged at (when the card was read).</summary>
    public DateTimeOffset? VerificationTime { get; init; }

    /// <summary>What the face step concluded.</summary>
    public TapFaceOutcome Face { get; init; } = TapFaceOutcome.NotRun;

    /// <summary>The face step's details, when it ran to a result.</summary>
    public TapFaceResult? FaceResult { get; init; }

    /// <summary>The verified chip key field (DF24): identifies the card (a journal hashes it), only for a genuine card; otherwise empty.</summary>
    public ReadOnlyMemory<byte> CardIdentity { get; init; }

    /// <summary>The requested personal fields, or null.</summary>
    public TapPersonalData? Personal { get; init; }

    /// <summary>
    /// For a smartphone tap (<see cref="PhoneTap"/>): what the JPKI authentication proved (possession of a J-LIS-issued key,
    /// certificate validity) and, by <see cref="JpkiPossessionResult.CannotProve"/>, what it did not. Null for a card tap.
    /// </summary>
    public JpkiPossessionResult? Jpki { get; init; }

    /// <summary>True when any anchor used is a test anchor (a test card; only with <see cref="TrustOptions.AllowTestAnchors"/>).</summary>
    public bool UsedTestAnchor => AnchorsUsed.Any(a => a.IsTestAnchor);
}
