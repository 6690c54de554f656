using ReaderKit.Face.Camera;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Matching;

namespace ReaderKit.Cli.Reader;

/// <summary>Outcome of matching the chip photo against the person at the reader.</summary>
internal sealed record LiveFaceResult(
    FaceMatchDecision Decision,
    double? BestScore,
    string LiveQuality,
    double Threshold,
    int FramesCaptured,
    int FramesUsable,
    PadScreeningResult Screening)
{
    /// <summary>Accepted only when a usable frame matched and no presentation-attack check objected.</summary>
    public bool Accepted => Decision == FaceMatchDecision.Match && Screening.Outcome == PadOutcome.BonaFide;
}

/// <summary>
/// One face check at the reader: decode the chip photo (after its signature checked out), capture a burst of live
/// frames, screen them for presentation attacks (static photo, screen replay), and compare every usable frame with
/// the chip photo, keeping the best score.
/// </summary>
internal static class LiveFaceCheck
{
    public static async Task<LiveFaceResult> RunAsync(
        byte[] verifiedChipPhoto, IFrameSource camera, FaceAnalyzer analyzer, int frameCount, CancellationToken cancellationToken)
    {
        var matcher = new FaceMatcher(analyzer);
        var enrolment = matcher.Enrol(ChipPhotoDecoder.DecodeVerified(verifiedChipPhoto));

        await camera.StartAsync(cancellationToken).ConfigureAwait(false);
        var padFrames = new List<PadFrame>(frameCount);
        FaceMatchResult? best = null;
        var usable = 0;
        for (var i = 0; i < frameCount; i++)
        {
            var frame = await camera.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            var image = FaceImageDecoder.Decode(frame.EncodedImage);
            var result = matcher.Compare(enrolment, image);
            padFrames.Add(new PadFrame(image, result.Live.Face, frame.CapturedAt));
            if (result.Score is not null)
            {
                usable++;
            }

            if (best is null || Rank(result) > Rank(best))
            {
                best = result;
            }
        }

        var screening = await new PresentationAttackScreening(
        [
            new StaticPresentationDetector(new StaticPresentationOptions { MinFrames = Math.Min(frameCount, 10) }),
            new ScreenReplayDetector(),
        ]).EvaluateAsync(padFrames, cancellationToken).ConfigureAwait(false);

        return new LiveFaceResult(best!.Decision, best.Score, $"chip {enrolment.Outcome}, live {best.Live.Outcome}", best.Threshold, frameCount, usable, screening);
    }

    // Prefer a scored comparison, then the higher score.
    private static double Rank(FaceMatchResult r) => r.Score ?? double.MinValue;
}
