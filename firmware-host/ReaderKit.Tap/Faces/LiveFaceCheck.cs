using System.Globalization;
using ReaderKit.Contracts;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Tap.Faces;

/// <summary>
/// The face step over today's face pipeline: capture a burst of live frames and analyse each as it arrives (detection,
/// quality, descriptors), screen the burst for presentation attacks (static photo, screen replay), then — only now
/// waiting for the verified chip photo — enrol the chip photo and keep the best-scoring frame. Capture, analysis and
/// screening overlap the card read. Models are loaded once, on first use, and kept until <see cref="Dispose"/>.
/// </summary>
public sealed class LiveFaceCheck : ITapFaceCheck, IDisposable
{
    private readonly LiveFaceCheckOptions _options;
    private readonly Lazy<FaceAnalyzer> _analyzer;

    /// <exception cref="ArgumentOutOfRangeException">The frame count is out of range, or the threshold is below the matcher's floor.</exception>
    public LiveFaceCheck(LiveFaceCheckOptions? options = null)
    {
        _options = options ?? new LiveFaceCheckOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Frames, LiveFaceCheckOptions.MinFrames, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.Frames, LiveFaceCheckOptions.MaxFrames, nameof(options));
        var floor = DescriptorFusion.MinimumThreshold(_options.Match.Descriptors);
        if (!double.IsFinite(_options.Match.Threshold) || _options.Match.Threshold < floor)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Match.Threshold, string.Create(CultureInfo.InvariantCulture, $"The face threshold must be at least {floor:0.###} for the configured descriptors."));
        }
        _analyzer = new Lazy<FaceAnalyzer>(() =>
        {
            // Every model this check loads is checked against models.json first (an altered model never runs).
            var files = _options.ModelDirectory is null ? FaceModelFiles.Locate() : FaceModelFiles.In(_options.ModelDirectory);
            FaceModelManifest.Verify(files.Directory, [FaceModelFiles.DetectorFileName, .. _options.Match.Descriptors.Select(d => d.FileName)]);
            return new FaceAnalyzer(files, _options.Match);
        });
    }

    /// <summary>Loads the models now (a service calls this at start so the first tap does not pay for it).</summary>
    /// <exception cref="FaceModelsMissingException">The models or <c>models.json</c> are missing.</exception>
    /// <exception cref="FaceModelInvalidException">A model's SHA-256 differs from <c>models.json</c>.</exception>
    public void Warm() => _ = _analyzer.Value;

    /// <summary>True once the models are loaded (by <see cref="Warm"/> or a first check).</summary>
    public bool IsWarm => _analyzer.IsValueCreated;

    public async Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.Clock;
        var analyzer = _analyzer.Value;
        var matcher = new FaceMatcher(analyzer);
        var timings = new List<TapTiming>();

        var t = clock.GetTimestamp();
        await context.Camera.StartAsync(cancellationToken).ConfigureAwait(false);
        var frameCount = _options.Frames;
        var padFrames = new List<PadFrame>(frameCount);
        var live = new List<FaceAnalysis>(frameCount);
        var encoded = context.KeepBestFrame ? new List<byte[]>(frameCount) : null;
        for (var i = 0; i < frameCount; i++)
        {
            var frame = await context.Camera.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            var image = FaceImageDecoder.Decode(frame.EncodedImage);
            var analysis = analyzer.Analyze(image, FaceImageRole.Live);
            live.Add(analysis);
            encoded?.Add(frame.EncodedImage);
            padFrames.Add(new PadFrame(image, analysis.Face, frame.CapturedAt));
        }

        var screening = await new PresentationAttackScreening(
        [
            new StaticPresentationDetector(new StaticPresentationOptions { MinFrames = Math.Min(frameCount, 10) }),
            new ScreenReplayDetector(),
        ]).EvaluateAsync(padFrames, cancellationToken).ConfigureAwait(false);
        timings.Add(Span("face.capture", t));
        context.Captured();

        t = clock.GetTimestamp();
        var photo = await context.VerifiedChipPhoto.WaitAsync(cancellationToken).ConfigureAwait(false);
        timings.Add(Span("face.photo-wait", t));
        var padLines = screening.Checks.Select(p => new CheckLine(
            "face.pad." + p.Check,
            p.Outcome switch { PadOutcome.BonaFide => CheckLineStatus.Pass, PadOutcome.Attack => CheckLineStatus.Fail, _ => CheckLineStatus.Skip },
            $"{p.Finding}, {p.Detail}")).ToList();

        // Stated in every result: recorded frames never prove a response to a random challenge.
        padLines.Add(new CheckLine("face.challenge", CheckLineStatus.Skip, "recorded frames cannot follow a challenge: burst screening only"));
        var threshold = analyzer.Options.Threshold;
        if (photo is null)
        {
            return new TapFaceResult(TapFaceOutcome.Inconclusive, "no verified chip photo to match against", null, threshold,
                [new CheckLine("face.match", CheckLineStatus.Skip, "no verified chip photo"), .. padLines], timings)
            { FramesCaptured = frameCount, FramesUsable = live.Count(a => a.IsUsable) };
        }

        t = clock.GetTimestamp();
        var enrolment = matcher.Enrol(ChipPhotoDecoder.DecodeVerified(photo));
        FaceAnalysis? bestLive = null;
        double? bestScore = null;
        var bestIndex = -1;
        for (var i = 0; i < live.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var analysis = live[i];
            if (enrolment.IsUsable && analysis.IsUsable)
            {
                var score = analyzer.Score(enrolment, analysis);
                if (bestScore is null || score > bestScore)
                {
                    (bestScore, bestLive, bestIndex) = (score, analysis, i);
                }
            }
        }

        bestLive ??= live[0];
        timings.Add(Span("face.match", t));
        var decision = !enrolment.IsUsable ? FaceMatchDecision.EnrolmentUnusable
            : bestScore is null ? FaceMatchDecision.LiveUnusable
            : bestScore >= threshold ? FaceMatchDecision.Match : FaceMatchDecision.NoMatch;
        var usable = live.Count(a => a.IsUsable);
        var matchLine = new CheckLine("face.match", decision == FaceMatchDecision.Match ? CheckLineStatus.Pass : CheckLineStatus.Fail, string.Create(CultureInfo.InvariantCulture,
            $"{decision}, best score {(bestScore is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} (threshold {threshold:0.###}), {usable}/{frameCount} usable frames, quality: chip {enrolment.Outcome}, live {bestLive.Outcome}"));
        var outcome = screening.Outcome == PadOutcome.Attack ? TapFaceOutcome.PresentationAttack
            : decision == FaceMatchDecision.NoMatch ? TapFaceOutcome.NotMatched
            : decision is FaceMatchDecision.EnrolmentUnusable or FaceMatchDecision.LiveUnusable ? TapFaceOutcome.NoFace
            : screening.Outcome == PadOutcome.BonaFide ? TapFaceOutcome.Accepted
            : TapFaceOutcome.Inconclusive;
        var reason = outcome switch
        {
            TapFaceOutcome.PresentationAttack => string.Join("; ", padLines.Where(l => l.Status == CheckLineStatus.Fail).Select(l => $"{l.Name}: {l.Reason}")),
            TapFaceOutcome.Inconclusive => "presentation-attack screening could not decide",
            _ => matchLine.Reason,
        };
        return new TapFaceResult(outcome, reason, bestScore, threshold, [matchLine, .. padLines], timings)
        {
            MatchDecision = decision.ToString(),
            FramesCaptured = frameCount,
            FramesUsable = usable,
            BestFrame = encoded is not null && bestIndex >= 0 ? (byte[])encoded[bestIndex].Clone() : null, // a copy: cameras may reuse their buffers
        };

        TapTiming Span(string name, long start) => new(name, clock.GetElapsedTime(context.TapStart, start), clock.GetElapsedTime(start));
    }

    public void Dispose()
    {
        if (_analyzer.IsValueCreated)
        {
            _analyzer.Value.Dispose();
        }
    }
}
