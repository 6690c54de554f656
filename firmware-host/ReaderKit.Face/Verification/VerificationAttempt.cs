using ReaderKit.Face.Alignment;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;
using static ReaderKit.Face.Verification.FaceVerifier;

namespace ReaderKit.Face.Verification;

/// <summary>
/// One frame of the tracked face: which step it belongs to, its detection, the analysis (frontal steps), the mesh, and for the
/// presentation-attack checks only the part of the image they read (<see cref="Pad"/>: the frame cut to this face box and the
/// first frame's, which the natural-motion check compares every frame on) — an attempt keeps dozens of frames, and whole frames
/// would keep a megabyte each for pixels no check reads.
/// </summary>
internal sealed record AttemptFrame(int Step, ChallengePrompt Prompt, PadFrame Pad, FaceAnalysis? Analysis, FaceMesh? Mesh)
{
    public FaceDetection Face => Pad.Face!;

    public DateTimeOffset CapturedAt => Pad.CapturedAt;

    public ChallengeMeasurement? Measurement { get; init; }

    /// <summary>A copy of the camera's encoded image; kept only when the caller asked for the best frame and the frame is usable for matching.</summary>
    public byte[]? Encoded { get; init; }

    /// <summary>Both eye regions of the aligned chip, zero-mean and unit-norm (for the blink's appearance cue).</summary>
    public (float[] Right, float[] Left) Eyes { get; init; }
}

/// <summary>The state of one <see cref="FaceVerifier.VerifyAsync(Camera.IFrameSource, IChallengePrompter, Task{byte[]}, bool, CancellationToken)"/> call (see the README "Verification flow").</summary>
internal sealed class VerificationAttempt
{
    /// <summary>Least yaw change, degrees, for a frame to be used in the parallax fit (smaller turns leave too little parallax).</summary>
    internal const double ParallaxMinYawDegrees = 8;

    /// <summary>Least foreshortening of the fitted homography (≈ a 18° rotation of a sheet) for a frame to be used in the parallax fit.</summary>
    internal const double ParallaxMinAnisotropy = 0.05;

    private const double MinMeshConfidence = 0.5;

    /// <summary>Floor of <see cref="MeshMotion"/>, eye distances (a print on a stand: ≤ 0.01 with sensor noise; README "Natural motion").</summary>
    internal const double MinMeshMotion = 0.03;

    private readonly FaceVerifierOptions _options;
    private readonly FaceAnalyzer _analyzer;
    private readonly FaceMatcher _matcher;
    private readonly FaceMeshLandmarker _landmarker;
    private readonly IReadOnlyList<ChallengePrompt> _actions;
    private readonly List<ChallengePrompt> _steps = [];
    private readonly List<AttemptFrame> _frames = [];
    private readonly List<FaceCheck> _checks = [];
    private readonly Dictionary<string, TimeSpan> _timings = new(StringComparer.Ordinal);
    private readonly FaceTrack _track = new();
    private readonly bool _keepBestFrame;
    private byte[]? _bestFrame;
    private int _captured;
    private int _undecodable;

    public VerificationAttempt(FaceVerifierOptions options, FaceAnalyzer analyzer, FaceMatcher matcher, FaceMeshLandmarker landmarker, IReadOnlyList<ChallengePrompt> actions, bool keepBestFrame = false)
    {
        _options = options;
        _keepBestFrame = keepBestFrame;
        _analyzer = analyzer;
        _matcher = matcher;
        _landmarker = landmarker;
        _actions = actions;
        _steps.Add(ChallengePrompt.LookAtCamera);
        foreach (var action in actions)
        {
            _steps.Add(action);
            _steps.Add(ChallengePrompt.LookAtCamera);
        }
    }

    private double Threshold => _options.MatchThreshold;

    public async Task<FaceVerification> RunAsync(IFrameSource camera, IChallengePrompter prompter, Task<byte[]?> chipPhoto, CancellationToken cancellationToken)
    {
        var total = Ticks();
        try
        {
            var t = Ticks();
            try
            {
                using var start = Deadline(cancellationToken);
                await camera.StartAsync(start.Token).ConfigureAwait(false);
            }
            catch (CameraUnavailableException e)
            {
                return Result(FaceOutcome.Inconclusive, Format($"camera unavailable ({e.Failure}): face not checked"), "camera", false, Format($"{e.Failure}"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Result(FaceOutcome.Inconclusive, Format($"camera did not start within {_options.StepTimeout.TotalSeconds:0.#} s: face not checked"), "camera", false, "start deadline");
            }
            finally
            {
                _timings["camera-start"] = Since(t);
            }

            _checks.Add(new FaceCheck("camera", true, camera.Description));
            var stopped = await CaptureAsync(camera, prompter, cancellationToken).ConfigureAwait(false);
            if (stopped is not null)
            {
                // Evidence of an attack in the frames seen so far outranks "could not finish" (a tablet tilted out of view).
                return await ScreenEvidenceAsync(cancellationToken).ConfigureAwait(false) ?? stopped;
            }

            var liveness = await LivenessAsync(cancellationToken).ConfigureAwait(false);
            if (liveness is not null)
            {
                return liveness;
            }

            await prompter.ShowAsync(ChallengePrompt.HoldStill, cancellationToken).ConfigureAwait(false);
            return await MatchAsync(chipPhoto, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _timings["total"] = Since(total);
            ForgetFrames();
        }
    }

    // The copies of the frames not returned are personal data with no further use: cleared when the attempt ends.
    private void ForgetFrames()
    {
        foreach (var frame in _frames)
        {
            if (frame.Encoded is { } encoded && !ReferenceEquals(encoded, _bestFrame))
            {
                Array.Clear(encoded);
            }
        }
    }

    // Returns a final result when the capture had to stop (camera, deadline, track), else null.
    private async Task<FaceVerification?> CaptureAsync(IFrameSource camera, IChallengePrompter prompter, CancellationToken cancellationToken)
    {
        var captureTime = TimeSpan.Zero;
        for (var step = 0; step < _steps.Count; step++)
        {
            var prompt = _steps[step];
            using var deadline = Deadline(cancellationToken);
            var stepFrames = 0;
            try
            {
                var t = Ticks();
                await prompter.ShowAsync(prompt, deadline.Token).ConfigureAwait(false);
                captureTime += Since(t);
                while (true)
                {
                    t = Ticks();
                    var frame = await camera.ReadFrameAsync(deadline.Token).ConfigureAwait(false);
                    captureTime += Since(t);
                    _captured++;
                    stepFrames++;
                    var ev = Process(step, prompt, frame);
                    switch (ev)
                    {
                        case TrackEvent.Jumped:
                            return Result(FaceOutcome.PresentationAttack, "face track: a different face replaced the tracked one", "face-track", false, TrackDetail(ev));
                        case TrackEvent.SecondFace:
                            return Result(FaceOutcome.Inconclusive, "face track: a second face is in view", "face-track", false, TrackDetail(ev));
                        case TrackEvent.Lost:
                            return _frames.Count == 0
                                ? Result(FaceOutcome.NoFace, "no face in front of the camera", "face-track", false, TrackDetail(ev))
                                : Result(FaceOutcome.Inconclusive, "face track lost during the challenge", "face-track", false, TrackDetail(ev));
                        default:
                            break;
                    }

                    if (_track.Last is null && _captured >= _options.FramesPerPrompt * 2)
                    {
                        return Result(FaceOutcome.NoFace, "no face in front of the camera", "face-track", false, TrackDetail(ev));
                    }

                    if (prompt == ChallengePrompt.LookAtCamera)
                    {
                        if (stepFrames >= _options.FramesPerPrompt && _track.Last is not null)
                        {
                            break;
                        }
                    }
                    else if ((stepFrames >= _options.FramesPerPrompt && EvaluateAction(step).Outcome == PadOutcome.BonaFide) || stepFrames >= _options.MaxActionFrames)
                    {
                        break;
                    }
                }
            }
            catch (CameraUnavailableException e)
            {
                _timings["capture"] = captureTime;
                return Result(FaceOutcome.Inconclusive, Format($"camera stopped during the challenge ({e.Failure})"), "camera", false, Format($"{e.Failure} after {_captured} frames"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _timings["capture"] = captureTime;
                return Result(FaceOutcome.Inconclusive, Format($"deadline: challenge step {step + 1} ({prompt}) took longer than {_options.StepTimeout.TotalSeconds:0.#} s"), "deadline", false, Format($"{stepFrames} frames in step {step + 1}"));
            }
        }

        _timings["capture"] = captureTime;
        return null;
    }

    private TrackEvent Process(int step, ChallengePrompt prompt, CameraFrame frame)
    {
        var t = Ticks();
        FaceImage image;
        try
        {
            image = FaceImageDecoder.Decode(frame.EncodedImage);
        }
        catch (FaceImageFormatException)
        {
            _undecodable++;
            Add("analysis", t);
            return _track.Update([]);
        }

        FaceAnalysis? analysis = null;
        IReadOnlyList<FaceDetection> detections;
        if (prompt == ChallengePrompt.LookAtCamera)
        {
            analysis = _analyzer.Analyze(image, FaceImageRole.Live);
            detections = analysis.Detections;
        }
        else
        {
            detections = _analyzer.Detect(image);
        }

        var ev = _track.Update(detections);
        Add("analysis", t);
        if (ev != TrackEvent.Tracked)
        {
            return ev;
        }

        t = Ticks();
        var face = _track.Last!;
        var mesh = _landmarker.Estimate(image, face);
        Add("landmarks", t);
        var chip = (analysis is not null && ReferenceEquals(analysis.Face, face) ? analysis.Aligned : null) ?? FaceAligner.Align(image, face, ChipTemplate.Dlib);
        var eyes = EyePatches(chip.Chip);
        var measurement = mesh.FaceConfidence >= MinMeshConfidence ? ChallengeMeasurement.From(mesh) : (ChallengeMeasurement?)null;
        // The analysis is only usable for matching when its chosen face is the tracked one.
        if (analysis is not null && !ReferenceEquals(analysis.Face, face))
        {
            analysis = null;
        }

        // Only a frame that can enter the match may become the best frame; the copy is needed because cameras may reuse their buffers.
        var encoded = _keepBestFrame && analysis is { IsUsable: true } ? (byte[])frame.EncodedImage.Clone() : null;
        var region = _frames.Count == 0 ? PadFrame.Cover(face.Box) : PadFrame.Cover(face.Box, _frames[0].Face.Box);
        var pad = new PadFrame(image, face, frame.CapturedAt).CropTo(region);
        _frames.Add(new AttemptFrame(step, prompt, pad, analysis, mesh.FaceConfidence >= MinMeshConfidence ? mesh : null) { Measurement = measurement, Eyes = eyes, Encoded = encoded });
        return ev;
    }

    // The challenge of one action step: the last frames of the frontal step before it as the starting pose, then its own frames.
    // Eye appearance = similarity of each frame's eye regions to those of the last frame before the prompt (eyes open).
    private PadCheckResult EvaluateAction(int step)
    {
        var frames = _frames.Where(f => f.Step == step - 1 && f.Measurement is not null).TakeLast(3)
            .Concat(_frames.Where(f => f.Step == step && f.Measurement is not null))
            .ToList();
        var reference = frames.Count > 0 && frames[0].Step == step - 1 ? frames.Last(f => f.Step == step - 1).Eyes : default;
        var measurements = frames
            .Select(f => reference.Right is null ? f.Measurement!.Value : f.Measurement!.Value with { EyeAppearance = EyeSimilarity(reference, f.Eyes) })
            .ToList();
        var evaluator = new ChallengeSequenceEvaluator([ToAction(_steps[step])], new ActiveChallengeOptions
        {
            MinTurnDegrees = _options.MinTurnDegrees,
            ClosedRatio = _options.BlinkClosedRatio,
            MinFrames = 4,
            BaselineFrames = 3,
        });
        return evaluator.Evaluate(measurements);
    }

    // The two eye regions of a dlib chip (around the template's eye centres, 0.18 × 0.10 of the chip), zero-mean, unit-norm.
    private static (float[] Right, float[] Left) EyePatches(FaceImage chip)
    {
        var luma = chip.ToLuma();
        var size = chip.Width;
        float[] Patch(Detection.Point2 centre)
        {
            int hw = (int)(0.09 * size), hh = (int)(0.05 * size);
            var values = new float[((2 * hw) + 1) * ((2 * hh) + 1)];
            var k = 0;
            for (var y = -hh; y <= hh; y++)
            {
                for (var x = -hw; x <= hw; x++)
                {
                    var px = Math.Clamp((int)centre.X + x, 0, size - 1);
                    var py = Math.Clamp((int)centre.Y + y, 0, chip.Height - 1);
                    values[k++] = luma[(py * size) + px];
                }
            }

            var mean = values.Average();
            var norm = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] -= mean;
                norm += values[i] * values[i];
            }

            var scale = norm > 1e-6 ? (float)(1 / Math.Sqrt(norm)) : 0f;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }

            return values;
        }

        // Image-left eye is the subject's right eye.
        return (Patch(ChipTemplate.Dlib.ImageLeftEye), Patch(ChipTemplate.Dlib.ImageRightEye));
    }

    // Normalised cross-correlation of each eye with the reference; the less-changed eye counts (a blink closes both), floored at 0.01.
    private static double EyeSimilarity((float[] Right, float[] Left) reference, (float[] Right, float[] Left) eyes)
    {
        static double Ncc(float[] a, float[] b)
        {
            var sum = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }

        return eyes.Right is null ? double.NaN : Math.Max(0.01, Math.Max(Ncc(reference.Right, eyes.Right), Ncc(reference.Left, eyes.Left)));
    }

    // The screen-pattern check over the frames captured before the attempt had to stop; an attack result, or null.
    private async Task<FaceVerification?> ScreenEvidenceAsync(CancellationToken cancellationToken)
    {
        if (_frames.Count < 3)
        {
            return null;
        }

        var pad = _frames.Select(f => f.Pad).ToList();
        var screen = await new ScreenReplayDetector().EvaluateAsync(pad, cancellationToken).ConfigureAwait(false);
        return screen.Outcome == PadOutcome.Attack
            ? Result(FaceOutcome.PresentationAttack, "screen pattern: periodic pixel grid in the face region (screen replay)", screen.Check, false, screen.Detail)
            : null;
    }

    // Runs the liveness checks; returns the final result when one fails or cannot decide, else null.
    private async Task<FaceVerification?> LivenessAsync(CancellationToken cancellationToken)
    {
        var t = Ticks();
        try
        {
            _checks.Add(new FaceCheck("face-track", true, TrackDetail(TrackEvent.Tracked)));
            var pad = _frames.Select(f => f.Pad).ToList();
            var passive = new List<PadCheckResult>();
            foreach (var detector in PassiveDetectors(pad.Count))
            {
                passive.Add(await detector.EvaluateAsync(pad, cancellationToken).ConfigureAwait(false));
            }

            _checks.AddRange(passive.Select(FaceVerifier.Check));
            var motion = MeshMotion();
            _checks.Add(motion);
            var parallax = Parallax();
            _checks.Add(parallax.Check);
            var challenge = new List<(ChallengePrompt Action, PadCheckResult Result)>();
            for (var step = 0; step < _steps.Count; step++)
            {
                if (_steps[step] != ChallengePrompt.LookAtCamera)
                {
                    var r = EvaluateAction(step);
                    challenge.Add((_steps[step], r));
                }
            }

            var challengeOk = challenge.All(c => c.Result.Outcome == PadOutcome.BonaFide);
            _checks.Add(new FaceCheck("challenge", challengeOk, string.Join("; ", challenge.Select(c => Format($"{c.Action}: {c.Result.Finding} ({c.Result.Score:0.00})")))));

            // The decisive reason: the most specific failed check first.
            if (passive.FirstOrDefault(p => p.Outcome == PadOutcome.Attack && p.Finding == PadFinding.ScreenPatternDetected) is { } screen)
            {
                return Result(FaceOutcome.PresentationAttack, "screen pattern: periodic pixel grid in the face region (screen replay)", null, false, screen.Detail);
            }

            if (passive.FirstOrDefault(p => p.Outcome == PadOutcome.Attack && p.Finding == PadFinding.StaticPresentation) is { } still)
            {
                return Result(FaceOutcome.PresentationAttack, "natural motion: the face did not move at all (photo or screen held still)", null, false, still.Detail);
            }

            if (!motion.Passed)
            {
                return Result(FaceOutcome.PresentationAttack, "natural motion: the face did not move at all (photo or screen held still)", null, false, motion.Detail);
            }

            if (parallax.Measured && !parallax.Check.Passed)
            {
                return Result(FaceOutcome.PresentationAttack, "parallax: the face moved like a flat surface (one homography) while turning", null, false, parallax.Check.Detail);
            }

            if (challenge.FirstOrDefault(c => c.Result.Outcome != PadOutcome.BonaFide) is { Result: not null } failed)
            {
                return failed.Result.Outcome == PadOutcome.Inconclusive
                    ? Result(FaceOutcome.Inconclusive, Format($"challenge: too few frames with a face mesh for {failed.Action}"), null, false, failed.Result.Detail)
                    : Result(FaceOutcome.PresentationAttack, Format($"challenge: {failed.Action} not performed ({failed.Result.Finding})"), null, false, failed.Result.Detail);
            }

            if (!parallax.Measured)
            {
                return Result(FaceOutcome.Inconclusive, "parallax: no turned frame to measure", null, false, parallax.Check.Detail);
            }

            if (passive.FirstOrDefault(p => p.Outcome != PadOutcome.BonaFide) is { } undecided)
            {
                return Result(FaceOutcome.Inconclusive, Format($"{undecided.Check}: {undecided.Detail}"), null, false, undecided.Detail);
            }

            return null;
        }
        finally
        {
            _timings["liveness"] = Since(t);
        }
    }

    // Largest displacement of the face mesh from its first frame (median over the non-silhouette landmarks, in eye distances). The
    // mesh is refined per frame and far steadier than the detector's keypoints, so sensor noise and exposure flicker, which defeat
    // the grey-level and keypoint floors of the static-frames check, stay well below the floor.
    private FaceCheck MeshMotion()
    {
        var meshes = _frames.Where(f => f.Mesh is not null).Select(f => f.Mesh!).ToList();
        if (meshes.Count < 2)
        {
            return new FaceCheck("mesh-motion", false, Format($"{meshes.Count} frames with a face mesh"));
        }

        var first = meshes[0];
        var eyes = (first[FaceMeshIndex.LeftEyeOuter].XY - first[FaceMeshIndex.RightEyeOuter].XY).Length;
        var max = 0.0;
        foreach (var mesh in meshes.Skip(1))
        {
            var shifts = PlanarMotion.FitIndices.Select(i => (mesh[i].XY - first[i].XY).Length).Order().ToArray();
            max = Math.Max(max, shifts[shifts.Length / 2] / Math.Max(1, eyes));
        }

        return new FaceCheck("mesh-motion", max >= MinMeshMotion, Format($"largest median landmark shift {max:0.000} eye distances over {meshes.Count} frames (floor {MinMeshMotion})"));
    }

    // The homography from the last frame of the first frontal step to every later frame; the frame that rotated most (mesh yaw
    // change, or foreshortening of the fitted mapping for a sheet that FaceMesh does not read as a yaw) carries the parallax. The
    // turn prompts make a live head rotate; a print waved, tilted or bent to fake the turn rotates too, but as one surface.
    private (bool Measured, FaceCheck Check) Parallax()
    {
        var reference = _frames.LastOrDefault(f => f.Step == 0 && f.Mesh is not null);
        if (reference is null)
        {
            return (false, new FaceCheck("parallax", false, "no frontal frame with a face mesh"));
        }

        var yaw0 = reference.Measurement!.Value.YawDegrees;
        var best = _frames.Where(f => f.Step > 0 && f.Mesh is not null)
            .Select(f => (Frame: f, Yaw: Math.Abs(f.Measurement!.Value.YawDegrees - yaw0), Fit: PlanarMotion.Measure(reference.Mesh!, f.Mesh!)))
            .Where(x => double.IsFinite(x.Fit.Residual) && double.IsFinite(x.Fit.Anisotropy))
            .Select(x => (x.Frame, x.Yaw, x.Fit, Motion: Math.Max(x.Yaw / ParallaxMinYawDegrees, x.Fit.Anisotropy / ParallaxMinAnisotropy)))
            .OrderByDescending(x => x.Motion)
            .FirstOrDefault();
        if (best.Frame is null || best.Motion < 1)
        {
            return (false, new FaceCheck("parallax", false, Format($"no frame rotated enough to measure (yaw change ≥ {ParallaxMinYawDegrees}° or foreshortening ≥ {ParallaxMinAnisotropy})")));
        }

        var detail = Format($"most rotated frame ({_steps[best.Frame.Step]}): yaw change {best.Yaw:0.0}°, foreshortening {best.Fit.Anisotropy:0.000}, homography residual {best.Fit.Residual:0.000} (floor {_options.MinParallax:0.000} eye distances)");
        return (true, new FaceCheck("parallax", best.Fit.Residual >= _options.MinParallax, detail));
    }

    private async Task<FaceVerification> MatchAsync(Task<byte[]?> chipPhoto, CancellationToken cancellationToken)
    {
        // Frames for matching: frontal steps of the tracked face that passed the quality gates.
        var usedFrames = _frames.Where(f => f.Analysis is { IsUsable: true }).ToList();
        var used = usedFrames.Select(f => f.Analysis!).ToList();
        var identity = IdentityCheck(used);
        _checks.Add(identity.Check);
        if (!identity.Check.Passed && identity.Decisive)
        {
            return Result(FaceOutcome.PresentationAttack, "face track: the frontal frames are not all the same person", null, false, identity.Check.Detail);
        }

        if (used.Count < _options.MinMatchFrames)
        {
            return Result(FaceOutcome.Inconclusive, Format($"too few usable frontal frames of the tracked face ({used.Count} of {_options.MinMatchFrames})"), null, false, Format($"{used.Count} usable"));
        }

        var t = Ticks();
        byte[]? photo;
        try
        {
            photo = await chipPhoto.WaitAsync(_options.ChipPhotoTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Result(FaceOutcome.Inconclusive, Format($"chip photo not available within {_options.ChipPhotoTimeout.TotalSeconds:0.#} s: face not compared"), "chip-photo", false, "timeout");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Result(FaceOutcome.Inconclusive, "chip photo could not be read: face not compared", "chip-photo", false, e.GetType().Name);
        }
        finally
        {
            _timings["chip-photo-wait"] = Since(t);
        }

        if (photo is null)
        {
            return Result(FaceOutcome.Inconclusive, "no verified chip photo: face not compared", "chip-photo", false, "none");
        }

        t = Ticks();
        try
        {
            FaceAnalysis enrolment;
            try
            {
                enrolment = _matcher.Enrol(ChipPhotoDecoder.DecodeVerified(photo));
            }
            catch (FaceImageFormatException)
            {
                return Result(FaceOutcome.Inconclusive, "chip photo is not a decodable JPEG 2000 image: face not compared", "chip-photo", false, "undecodable");
            }

            if (!enrolment.IsUsable)
            {
                return Result(FaceOutcome.Inconclusive, Format($"chip photo has no usable face ({enrolment.Outcome}): face not compared"), "chip-photo", false, Format($"{enrolment.Outcome}"));
            }

            _checks.Add(new FaceCheck("chip-photo", true, Format($"{enrolment.Outcome}")));
            var tx = _matcher.ScoreTransaction(enrolment, used);
            var detail = Format($"mean of best {tx.FramesAveraged} of {tx.UsableFrames} frames: {tx.Score:0.00} (threshold {Threshold:0.00})");
            var matched = tx.Matches(Threshold);
            _checks.Add(new FaceCheck("match", matched, detail));
            if (_keepBestFrame && tx.Score is not null)
            {
                _bestFrame = BestFrame(usedFrames, _matcher.ScoreFrames(enrolment, used));
            }

            return tx.Score is null
                ? Result(FaceOutcome.Inconclusive, "too few usable frames to match", null, false, detail, used.Count)
                : matched
                    ? Result(FaceOutcome.Accepted, "live, tracked face matches the chip photo", null, true, detail, used.Count, tx.Score)
                    : Result(FaceOutcome.NotMatched, "face does not match the chip photo", null, false, detail, used.Count, tx.Score);
        }
        finally
        {
            _timings["match"] = Since(t);
        }
    }

    // The kept image of the used frame with the highest single-frame score (null when no frame scored).
    private static byte[]? BestFrame(List<AttemptFrame> used, IReadOnlyList<double?> scores)
    {
        var best = -1;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] is { } score && double.IsFinite(score) && (best < 0 || score > scores[best]!.Value))
            {
                best = i;
            }
        }

        return best < 0 ? null : used[best].Encoded;
    }

    // Every frontal frame used for matching must match every other at the match threshold: one face was tracked, but a face
    // swapped in place (same box) between steps would keep the track; this catches it.
    private (bool Decisive, FaceCheck Check) IdentityCheck(List<FaceAnalysis> used)
    {
        if (used.Count < 2)
        {
            return (false, new FaceCheck("same-person", false, Format($"{used.Count} usable frames")));
        }

        var min = double.PositiveInfinity;
        for (var i = 0; i < used.Count; i++)
        {
            for (var j = i + 1; j < used.Count; j++)
            {
                min = Math.Min(min, _analyzer.Score(used[i], used[j]));
            }
        }

        var ok = min >= Threshold;
        return (true, new FaceCheck("same-person", ok, Format($"lowest score between frontal frames {min:0.00} over {used.Count} frames (threshold {Threshold:0.00})")));
    }

    private string TrackDetail(TrackEvent ev) =>
        Format($"{_frames.Count} of {_captured} frames tracked ({_undecodable} undecodable), last event {ev}");

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.StepTimeout);
        return cts;
    }

    private void Add(string stage, long start) =>
        _timings[stage] = (_timings.TryGetValue(stage, out var v) ? v : TimeSpan.Zero) + Since(start);

    private FaceVerification Result(FaceOutcome outcome, string reason, string? check, bool passed, string detail, int used = 0, double? score = null)
    {
        if (check is not null)
        {
            _checks.Add(new FaceCheck(check, passed, detail));
        }

        return new FaceVerification
        {
            Outcome = outcome,
            Reason = reason,
            Score = score,
            Threshold = Threshold,
            Checks = [.. _checks],
            Prompts = [.. _steps],
            FramesCaptured = _captured,
            FramesUsed = used,
            BestFrame = _bestFrame,
            Timings = _timings, // the same dictionary: the stages still running (match, total) are added before RunAsync returns
        };
    }
}
