using ReaderKit.Contracts;
using ReaderKit.Face.Verification;

namespace ReaderKit.Tap.Faces;

/// <summary>
/// The face step over <see cref="FaceVerifier"/>: a random active challenge (blink, head turns) prompted through the tap's
/// prompt sink, one tracked face across every frame, presentation-attack checks (screen pattern, natural motion, parallax,
/// challenge) and the transaction match of the tracked face against the verified chip photo. The verifier captures and
/// checks while the card is read and awaits only the photo for the match. When the camera itself shows the prompts (a
/// camera that is also an <see cref="IChallengePrompter"/>, such as the virtual kiosk camera), it is told too.
/// </summary>
public sealed class FaceVerifierCheck : ITapFaceCheck, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<FaceVerifier>? _load;
    private readonly bool _ownsVerifier;
    private FaceVerifier? _verifier;
    private bool _disposed;

    /// <param name="verifier">The verifier (models loaded).</param>
    /// <param name="ownsVerifier">Dispose the verifier with this check.</param>
    public FaceVerifierCheck(FaceVerifier verifier, bool ownsVerifier = false)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _ownsVerifier = ownsVerifier;
    }

    private FaceVerifierCheck(Func<FaceVerifier> load)
    {
        _load = load;
        _ownsVerifier = true;
    }

    /// <summary>Loads the models (checked against <c>models.json</c>) and creates the check.</summary>
    /// <exception cref="Face.Models.FaceModelsMissingException">A model is missing.</exception>
    /// <exception cref="Face.Models.FaceModelInvalidException">A model fails its SHA-256 check or does not load.</exception>
    public static FaceVerifierCheck Create(FaceVerifierOptions options, string? modelDirectory = null) => new(new FaceVerifier(options, modelDirectory), ownsVerifier: true);

    /// <summary>
    /// The check for a long-running service: the models are loaded (and checked against <c>models.json</c>) at the first tap
    /// or at <see cref="Warm"/>, not at construction. A load that fails is not cached: every tap until the models are
    /// repaired fails closed with the model error (the tap's <c>FaceModelsUnavailable</c>), and the first tap after the repair loads them.
    /// </summary>
    /// <param name="options">The verifier's settings (already clamped by <see cref="FaceVerifierOptions"/>).</param>
    /// <param name="modelDirectory">The model folder (null: <see cref="Face.Models.FaceModelFiles.Locate"/>).</param>
    public static FaceVerifierCheck Deferred(FaceVerifierOptions options, string? modelDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FaceVerifierCheck(() => new FaceVerifier(options, modelDirectory));
    }

    /// <summary>Loads the models now (a service calls this at start so the first tap does not pay for it).</summary>
    /// <exception cref="Face.Models.FaceModelsMissingException">A model is missing.</exception>
    /// <exception cref="Face.Models.FaceModelInvalidException">A model fails its SHA-256 check or does not load.</exception>
    public void Warm() => _ = Verifier();

    /// <summary>True once the models are loaded (by <see cref="Warm"/> or the first check).</summary>
    public bool IsWarm
    {
        get
        {
            lock (_gate)
            {
                return _verifier is not null;
            }
        }
    }

    public async Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verifier = Verifier();
        var prompter = new Prompter(context.Prompts, context.Camera as IChallengePrompter, context.Captured);
        var start = context.Clock.GetTimestamp();
        var result = await verifier.VerifyAsync(context.Camera, prompter, context.VerifiedChipPhoto, cancellationToken).ConfigureAwait(false);
        prompter.Done();
        return Map(result, context.Clock.GetElapsedTime(context.TapStart, start));
    }

    /// <summary>The tap's form of a verification: outcome, check lines named <c>face.*</c>, spans named <c>face.*</c>.</summary>
    internal static TapFaceResult Map(FaceVerification v, TimeSpan startOffset)
    {
        var outcome = v.Outcome switch
        {
            FaceOutcome.Accepted => TapFaceOutcome.Accepted,
            FaceOutcome.NotMatched => TapFaceOutcome.NotMatched,
            FaceOutcome.PresentationAttack => TapFaceOutcome.PresentationAttack,
            FaceOutcome.NoFace => TapFaceOutcome.NoFace,
            _ => TapFaceOutcome.Inconclusive,
        };
        var checks = v.Checks.Select(c => new CheckLine("face." + c.Name, c.Passed ? CheckLineStatus.Pass : CheckLineStatus.Fail, c.Detail)).ToList();
        if (!checks.Any(c => c.Name == "face.match"))
        {
            checks.Add(new CheckLine("face.match", outcome == TapFaceOutcome.Accepted ? CheckLineStatus.Pass : v.Score is null ? CheckLineStatus.Skip : CheckLineStatus.Fail, v.Reason));
        }

        // The verifier times its stages from its own start; the tap's spans are relative to the tap.
        var offset = startOffset;
        var timings = v.Timings.Where(t => t.Key != "total").Select(t =>
        {
            var span = new TapTiming("face." + t.Key, offset, t.Value);
            offset += t.Value;
            return span;
        }).ToList();
        var decision = v.Score is null ? "NotCompared" : v.Score >= v.Threshold ? "Match" : "NoMatch";
        return new TapFaceResult(outcome, v.Reason, v.Score, v.Threshold, checks, timings)
        {
            MatchDecision = decision,
            FramesCaptured = v.FramesCaptured,
            FramesUsable = v.FramesUsed,
        };
    }

    public void Dispose()
    {
        FaceVerifier? verifier;
        lock (_gate)
        {
            _disposed = true;
            verifier = _verifier;
            _verifier = null;
        }

        if (_ownsVerifier)
        {
            verifier?.Dispose();
        }
    }

    private FaceVerifier Verifier()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _verifier ??= _load!();
        }
    }

    /// <summary>Forwards challenge prompts to the tap's sink (and to a camera that shows them); the last prompt means capture is done.</summary>
    private sealed class Prompter(ITapPromptSink sink, IChallengePrompter? camera, Action captured) : IChallengePrompter
    {
        private int _captured;

        public async ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken)
        {
            if (prompt == ChallengePrompt.HoldStill)
            {
                // Shown while the result is computed: no frames are needed after it.
                Done();
            }

            sink.Show(prompt switch
            {
                ChallengePrompt.LookAtCamera => TapPrompt.LookAtCamera,
                ChallengePrompt.Blink => TapPrompt.Blink,
                ChallengePrompt.TurnLeft => TapPrompt.TurnHeadLeft,
                ChallengePrompt.TurnRight => TapPrompt.TurnHeadRight,
                _ => TapPrompt.HoldStill,
            });
            if (camera is not null)
            {
                await camera.ShowAsync(prompt, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Done()
        {
            if (Interlocked.Exchange(ref _captured, 1) == 0)
            {
                captured();
            }
        }
    }
}
