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
    private readonly FaceVerifier _verifier;
    private readonly bool _ownsVerifier;

    /// <param name="verifier">The verifier (models loaded).</param>
    /// <param name="ownsVerifier">Dispose the verifier with this check.</param>
    public FaceVerifierCheck(FaceVerifier verifier, bool ownsVerifier = false)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _ownsVerifier = ownsVerifier;
    }

    /// <summary>Loads the models (checked against <c>models.json</c>) and creates the check.</summary>
    /// <exception cref="Face.Models.FaceModelsMissingException">A model is missing.</exception>
    /// <exception cref="Face.Models.FaceModelInvalidException">A model fails its SHA-256 check or does not load.</exception>
    public static FaceVerifierCheck Create(FaceVerifierOptions options, string? modelDirectory = null) => new(new FaceVerifier(options, modelDirectory), ownsVerifier: true);

    public async Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prompter = new Prompter(context.Prompts, context.Camera as IChallengePrompter, context.Captured);
        var start = context.Clock.GetTimestamp();
        var result = await _verifier.VerifyAsync(context.Camera, prompter, context.VerifiedChipPhoto, cancellationToken).ConfigureAwait(false);
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
        if (_ownsVerifier)
        {
            _verifier.Dispose();
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
