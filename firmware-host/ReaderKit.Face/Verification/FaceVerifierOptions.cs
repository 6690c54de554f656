using System.Globalization;
using ReaderKit.Face.Matching;

namespace ReaderKit.Face.Verification;

/// <summary>
/// Settings of <see cref="FaceVerifier"/>. Every value is checked when set against the range that was measured to be safe
/// (README "Verification: ranges"); a value outside it throws <see cref="ArgumentOutOfRangeException"/> with a one-line message,
/// so a kiosk configuration cannot silently weaken the check.
/// </summary>
public sealed class FaceVerifierOptions
{
    /// <summary>Lowest accepted <see cref="MatchThreshold"/>: the fused score's floor (≈ FMR 1 % per frame; below it almost anyone matches).</summary>
    public const double MinMatchThreshold = 2.33;

    /// <summary>Highest accepted <see cref="MatchThreshold"/> (beyond it the measured genuine transactions are nearly all rejected).</summary>
    public const double MaxMatchThreshold = 4.5;

    private int _framesPerPrompt = 6;
    private int _maxActionFrames = 24;
    private int _challengeLength = 2;
    private double _matchThreshold = FaceMatchOptions.TransactionThresholdDefault;
    private TimeSpan _stepTimeout = TimeSpan.FromSeconds(6);
    private TimeSpan _chipPhotoTimeout = TimeSpan.FromSeconds(15);
    private double _minTurnDegrees = 15;
    private double _blinkClosedRatio = 0.85;
    private double _minParallax = 0.06;
    private int _minMatchFrames = 3;

    /// <summary>Frames captured after a "look at the camera" prompt, and the least captured after an action prompt (3..30, default 6).</summary>
    public int FramesPerPrompt { get => _framesPerPrompt; init => _framesPerPrompt = Check(value, 3, 30); }

    /// <summary>Most frames captured while waiting for the person to perform one action (8..90, default 24 ≈ 1.6 s at 15 fps).</summary>
    public int MaxActionFrames { get => _maxActionFrames; init => _maxActionFrames = Check(value, 8, 90); }

    /// <summary>Actions per challenge, drawn at random per attempt; at least one is a head turn (1..4, default 2).</summary>
    public int ChallengeLength { get => _challengeLength; init => _challengeLength = Check(value, 1, 4); }

    /// <summary>
    /// Transaction threshold in the fused matcher's units (impostor standard deviations of dlib + faceres), compared with the mean of
    /// the best 3 frames of the tracked face (<see cref="TransactionRule"/>). Default 2.55 ≈ FMR 0.1 % per transaction;
    /// <see cref="MinMatchThreshold"/>..<see cref="MaxMatchThreshold"/>.
    /// </summary>
    public double MatchThreshold { get => _matchThreshold; init => _matchThreshold = Check(value, MinMatchThreshold, MaxMatchThreshold); }

    /// <summary>Quality-passing frames of the tracked face needed for a match decision (3..10, default 3; the best 3 are averaged).</summary>
    public int MinMatchFrames { get => _minMatchFrames; init => _minMatchFrames = Check(value, 3, 10); }

    /// <summary>Deadline of one challenge step: showing the prompt and capturing its frames (1..30 s, default 6 s).</summary>
    public TimeSpan StepTimeout { get => _stepTimeout; init => _stepTimeout = Check(value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)); }

    /// <summary>Longest wait for the verified chip photo once the liveness checks are done (1..60 s, default 15 s).</summary>
    public TimeSpan ChipPhotoTimeout { get => _chipPhotoTimeout; init => _chipPhotoTimeout = Check(value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)); }

    /// <summary>Head-turn yaw change that completes a turn, degrees (10..30, default 15; standing-still jitter measured ≤ 2.4°).</summary>
    public double MinTurnDegrees { get => _minTurnDegrees; init => _minTurnDegrees = Check(value, 10, 30); }

    /// <summary>Eye aspect ratio, as a fraction of the person's open-eye baseline, at or below which an eye counts as closed (0.6..0.9, default 0.85).</summary>
    public double BlinkClosedRatio { get => _blinkClosedRatio; init => _blinkClosedRatio = Check(value, 0.6, 0.9); }

    /// <summary>
    /// Least parallax of a live head: the RMS residual, in eye distances, of the best homography mapping the frontal landmarks onto
    /// the turned ones. A print or a screen moves by one homography (residual ≈ landmark noise); a head does not
    /// (0.03..0.1, default 0.06; README "Parallax").
    /// </summary>
    public double MinParallax { get => _minParallax; init => _minParallax = Check(value, 0.03, 0.1); }

    /// <summary>
    /// The kiosk requires the face check: when true the caller must treat any outcome but <see cref="FaceOutcome.Accepted"/> as a
    /// failed verification. When false (staffed counter), a camera that cannot be opened yields <see cref="FaceOutcome.Inconclusive"/>
    /// with the reason "face not checked", which the caller may report instead of failing; it is never an accept.
    /// </summary>
    public bool RequireFace { get; init; } = true;

    private static int Check(int value, int min, int max, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value >= min && value <= max ? value : throw Out(name, value.ToString(CultureInfo.InvariantCulture), $"{min}..{max}");

    private static double Check(double value, double min, double max, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw Out(name, value.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{min}..{max}"));

    private static TimeSpan Check(TimeSpan value, TimeSpan min, TimeSpan max, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value >= min && value <= max
            ? value
            : throw Out(name, value.ToString("c", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{min.TotalSeconds}..{max.TotalSeconds} s"));

    private static ArgumentOutOfRangeException Out(string name, string value, string range) =>
        new(name, $"face verifier option {name} = {value} is outside the measured safe range {range}");
}
