using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Face.Verification;

/// <summary>
/// The camera half of a verification: a random active challenge (blink / head turns) prompted through an
/// <see cref="IChallengePrompter"/>, one face tracked across every frame, presentation-attack checks (screen pattern, natural
/// motion, parallax, challenge), and the match of the tracked, live face against the verified chip photo (mean of its best 3
/// frontal frames, <see cref="TransactionRule"/>). Capture and liveness run while the card is still being read: only the final
/// match awaits the chip photo. Loads and owns its models (SHA-256 checked against <c>models.json</c>); one attempt at a time.
/// </summary>
public sealed class FaceVerifier : IDisposable
{
    private readonly FaceAnalyzer _analyzer;
    private readonly FaceMatcher _matcher;
    private readonly FaceMeshLandmarker _landmarker;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Loads the detector, the descriptor models and FaceMesh from <paramref name="modelDirectory"/> (null: <see cref="FaceModelFiles.Locate"/>).</summary>
    /// <exception cref="FaceModelsMissingException">A model or <c>models.json</c> is missing.</exception>
    /// <exception cref="FaceModelInvalidException">A model's SHA-256 differs from <c>models.json</c>, or it does not load.</exception>
    public FaceVerifier(FaceVerifierOptions options, string? modelDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var matchOptions = new FaceMatchOptions
        {
            TransactionThreshold = options.MatchThreshold,
            Transaction = new TransactionRule(3, options.MinMatchFrames),
        };
        var directory = modelDirectory ?? FaceModelFiles.Locate().Directory;
        if (!Directory.Exists(directory))
        {
            throw new FaceModelsMissingException($"face model folder {directory} does not exist. Build the models with firmware-host/ReaderKit.Face.Models/build-models.sh.");
        }

        RequiredModelFiles = [FaceModelFiles.DetectorFileName, .. matchOptions.Descriptors.Select(d => d.FileName).Distinct(), FaceModelFiles.FaceMeshFileName];
        FaceModelManifest.Verify(directory, RequiredModelFiles);
        var files = FaceModelFiles.In(directory);
        _analyzer = new FaceAnalyzer(files, matchOptions);
        try
        {
            _matcher = new FaceMatcher(_analyzer);
            _landmarker = FaceMeshLandmarker.Open(files);
        }
        catch
        {
            _analyzer.Dispose();
            throw;
        }
    }

    public FaceVerifierOptions Options { get; }

    /// <summary>Draws the challenge of an attempt; <see cref="RandomChallenge"/> except in tests that need a fixed sequence.</summary>
    internal Func<int, IReadOnlyList<ChallengePrompt>> ChallengeSource { get; set; } = RandomChallenge;

    /// <summary>The model files checked and loaded.</summary>
    public IReadOnlyList<string> RequiredModelFiles { get; }

    /// <summary>
    /// One verification attempt. Starts <paramref name="camera"/>, shows the challenge prompts, captures and checks the frames, then
    /// awaits <paramref name="verifiedChipPhoto"/> (the chip photo as read and signature-checked from the card, JPEG 2000; null when
    /// the card has no verified photo) and matches. Never throws for camera, frame, photo or deadline problems: they are reported
    /// in the result (<see cref="FaceOutcome.Inconclusive"/>); <paramref name="cancellationToken"/> cancels (throws).
    /// </summary>
    public Task<FaceVerification> VerifyAsync(IFrameSource camera, IChallengePrompter prompter, Task<byte[]?> verifiedChipPhoto, CancellationToken cancellationToken) =>
        VerifyAsync(camera, prompter, verifiedChipPhoto, keepBestFrame: false, cancellationToken);

    /// <summary>
    /// One verification attempt, as <see cref="VerifyAsync(IFrameSource, IChallengePrompter, Task{byte[]}, CancellationToken)"/>;
    /// with <paramref name="keepBestFrame"/> the attempt keeps a copy of the encoded image of each frame it uses for matching and
    /// returns the one that scored highest against the chip photo in <see cref="FaceVerification.BestFrame"/> (the other copies
    /// are cleared). Without it no frame is kept.
    /// </summary>
    public async Task<FaceVerification> VerifyAsync(IFrameSource camera, IChallengePrompter prompter, Task<byte[]?> verifiedChipPhoto, bool keepBestFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(prompter);
        ArgumentNullException.ThrowIfNull(verifiedChipPhoto);
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var attempt = new VerificationAttempt(Options, _analyzer, _matcher, _landmarker, ChallengeSource(Options.ChallengeLength), keepBestFrame);
            return await attempt.RunAsync(camera, prompter, verifiedChipPhoto, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// <paramref name="length"/> actions from a cryptographic RNG, never the same twice in a row. There is always a head turn (left
    /// or right at random: the parallax check needs the head to rotate) and, from two actions on, always a blink (a print, flat or
    /// bent, cannot blink); the other actions and the order are random.
    /// </summary>
    public static IReadOnlyList<ChallengePrompt> RandomChallenge(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ChallengePrompt[] pool = [ChallengePrompt.Blink, ChallengePrompt.TurnLeft, ChallengePrompt.TurnRight];
        while (true)
        {
            var actions = new List<ChallengePrompt>(length);
            for (var i = 0; i < length; i++)
            {
                actions.Add(pool[RandomNumberGenerator.GetInt32(pool.Length)]);
            }

            var repeats = actions.Zip(actions.Skip(1)).Any(p => p.First == p.Second);
            var turn = actions.Any(a => a != ChallengePrompt.Blink);
            var blink = length < 2 || actions.Contains(ChallengePrompt.Blink);
            if (!repeats && turn && blink)
            {
                return actions;
            }
        }
    }

    public void Dispose()
    {
        _landmarker.Dispose();
        _analyzer.Dispose();
        _oneAtATime.Dispose();
    }

    internal static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal static long Ticks() => Stopwatch.GetTimestamp();

    internal static TimeSpan Since(long start) => Stopwatch.GetElapsedTime(start);

    internal static DescriptorModel PrimaryDescriptor(FaceAnalyzer analyzer) => analyzer.Options.Descriptors[0];

    internal static ChallengeAction ToAction(ChallengePrompt prompt) => prompt switch
    {
        ChallengePrompt.Blink => ChallengeAction.Blink,
        ChallengePrompt.TurnLeft => ChallengeAction.TurnLeft,
        ChallengePrompt.TurnRight => ChallengeAction.TurnRight,
        _ => throw new ArgumentOutOfRangeException(nameof(prompt), prompt, "not an action"),
    };

    internal static IReadOnlyList<IPresentationAttackDetector> PassiveDetectors(int frames) =>
    [
        new ScreenReplayDetector(),
        new StaticPresentationDetector(new StaticPresentationOptions { MinFrames = Math.Min(frames, 10) }),
    ];

    internal static FaceCheck Check(PadCheckResult r) => new(r.Check, r.Outcome == PadOutcome.BonaFide, r.Detail);
}
