using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Tests;

/// <summary>Shares one FaceMesh session between the FaceMesh tests.</summary>
public sealed class MeshFixture : IDisposable
{
    private readonly Lazy<FaceMeshLandmarker> _landmarker = new(() => FaceMeshLandmarker.Open(FaceModelFiles.Locate()));

    public FaceMeshLandmarker Landmarker => _landmarker.Value;

    public void Dispose()
    {
        if (_landmarker.IsValueCreated)
        {
            _landmarker.Value.Dispose();
        }
    }
}

/// <summary>FaceMesh landmarker, mesh measurements and the active challenge on real sample faces (face-api demo photos).</summary>
public class FaceMeshTests(ModelFixture fx, MeshFixture mesh) : IClassFixture<ModelFixture>, IClassFixture<MeshFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private FaceDetection Detect(FaceImage image) =>
        FaceQualityAssessor.Primary(fx.Analyzer.Detect(image)) ?? throw new InvalidOperationException("no face in the test image");

    private FaceMesh Estimate(FaceImage image) => mesh.Landmarker.Estimate(image, Detect(image));

    [Fact]
    public void Landmarks_lie_in_the_face_crop_and_the_eye_corners_straddle_the_BlazeFace_eye_keypoints()
    {
        foreach (var face in fx.FaceCrops(3).Append(fx.FrontalFace))
        {
            var d = Detect(face);
            var m = mesh.Landmarker.Estimate(face, d);
            Assert.Equal(FaceMesh.LandmarkCount, m.Landmarks.Count);
            Assert.True(m.FaceConfidence > 0.9, $"face confidence {m.FaceConfidence}");
            var half = m.Crop.Side / 2;
            Assert.All(m.Landmarks, p => Assert.True(
                Math.Abs(p.X - m.Crop.Center.X) <= half && Math.Abs(p.Y - m.Crop.Center.Y) <= half, $"{p} outside the crop {m.Crop}"));

            // Most of the mesh lies inside the detector's (tighter) face box.
            var inside = m.Landmarks.Count(p => p.X >= d.Box.X && p.X <= d.Box.Right && p.Y >= d.Box.Y && p.Y <= d.Box.Bottom);
            Assert.True(inside > 0.8 * FaceMesh.LandmarkCount, $"{inside} of 468 inside the face box");

            // Subject's right eye = image left = BlazeFace keypoint 0; measured ≤ 0.13 eye distances on all sample faces.
            var right = Point2.Midpoint(m[FaceMeshIndex.RightEyeOuter].XY, m[FaceMeshIndex.RightEyeInner].XY);
            var left = Point2.Midpoint(m[FaceMeshIndex.LeftEyeOuter].XY, m[FaceMeshIndex.LeftEyeInner].XY);
            Assert.True((right - d[FaceKeypoint.RightEye]).Length < 0.2 * d.EyeDistance, $"right eye {right} vs {d[FaceKeypoint.RightEye]}");
            Assert.True((left - d[FaceKeypoint.LeftEye]).Length < 0.2 * d.EyeDistance, $"left eye {left} vs {d[FaceKeypoint.LeftEye]}");

            // Depth: the nose tip is nearer the camera than the face edges.
            Assert.True(m[FaceMeshIndex.NoseTip].Z < Math.Min(m[FaceMeshIndex.RightFaceEdge].Z, m[FaceMeshIndex.LeftFaceEdge].Z));
        }
    }

    [Fact]
    public void A_rolled_face_is_cropped_upright_and_landmarks_map_back()
    {
        var face = fx.FrontalFace;
        var rolled = Rotate(face, 30);
        var d = Detect(rolled);
        var m = mesh.Landmarker.Estimate(rolled, d);
        Assert.True(Math.Abs(m.Crop.RotationRadians) > 0.3, $"crop rotation {m.Crop.RotationRadians}");
        Assert.True(m.FaceConfidence > 0.9);
        var right = Point2.Midpoint(m[FaceMeshIndex.RightEyeOuter].XY, m[FaceMeshIndex.RightEyeInner].XY);
        Assert.True((right - d[FaceKeypoint.RightEye]).Length < 0.2 * d.EyeDistance, $"right eye {right} vs {d[FaceKeypoint.RightEye]}");
        Assert.InRange(Math.Abs(FaceMeshGeometry.HeadPose(m).RollDegrees - FaceMeshGeometry.HeadPose(Estimate(face)).RollDegrees), 25, 35);
    }

    [Fact]
    public void Greyscale_frames_measure_like_colour_frames()
    {
        // PadFrame images may be greyscale (IR-cut-less or mono cameras): measured |Δyaw| ≤ 2°, EAR within 6 % on 12 sample faces.
        foreach (var face in fx.FaceCrops(3))
        {
            var d = Detect(face);
            var colour = mesh.Landmarker.Estimate(face, d);
            var grey = mesh.Landmarker.Estimate(face.ToGreyscale(), d);
            Assert.True(grey.FaceConfidence > 0.9);
            Assert.InRange(FaceMeshGeometry.HeadPose(grey).YawDegrees - FaceMeshGeometry.HeadPose(colour).YawDegrees, -3, 3);
            Assert.InRange(FaceMeshGeometry.MeanEyeAspectRatio(grey) / FaceMeshGeometry.MeanEyeAspectRatio(colour), 0.9, 1.1);
        }
    }

    [Fact]
    public void A_face_at_the_frame_corner_is_cropped_with_black_padding_and_measures_the_same()
    {
        // The 1.4x crop square sticks out of the frame on two sides (the part outside is black, as in Human's cropAndResize).
        var face = fx.FrontalFace;
        var corner = FaceAligner.Warp(face, new SimilarityTransform(1, 0, 200 - 110, 200 - 100), 640).Crop(new PixelRect(0, 0, 640, 480));
        var d = Detect(corner);
        var m = mesh.Landmarker.Estimate(corner, d);
        Assert.True(m.Crop.Center.X - (m.Crop.Side / 2) < 0 && m.Crop.Center.Y - (m.Crop.Side / 2) < 0, $"crop {m.Crop} lies inside the frame");
        Assert.True(m.FaceConfidence > 0.9);
        var right = Point2.Midpoint(m[FaceMeshIndex.RightEyeOuter].XY, m[FaceMeshIndex.RightEyeInner].XY);
        Assert.True((right - d[FaceKeypoint.RightEye]).Length < 0.2 * d.EyeDistance, $"right eye {right} vs {d[FaceKeypoint.RightEye]}");
        var centred = Estimate(face);
        Assert.InRange(FaceMeshGeometry.HeadPose(m).YawDegrees - FaceMeshGeometry.HeadPose(centred).YawDegrees, -3, 3);
        Assert.InRange(FaceMeshGeometry.MeanEyeAspectRatio(m) / FaceMeshGeometry.MeanEyeAspectRatio(centred), 0.9, 1.1);
    }

    [Fact]
    public void Refinement_makes_the_mesh_independent_of_where_the_detector_box_sits()
    {
        // Detector box shifted by ±25 px (13 % of its width) or scaled ±10 %: one run moved the EAR by 0.38–1.20x on the sample
        // faces, two refinements by 0.86–1.08x (README). Here: sample3's faces, both landmarkers on the same boxes.
        using var single = FaceMeshLandmarker.Open(FaceModelFiles.Locate(), new FaceMeshOptions { MaxRefinements = 0 });
        double worstSingle = 0, worstRefined = 0;
        foreach (var face in fx.FaceCrops(3))
        {
            var d = Detect(face);
            var reference = FaceMeshGeometry.MeanEyeAspectRatio(mesh.Landmarker.Estimate(face, d));
            var referenceYaw = FaceMeshGeometry.HeadPose(mesh.Landmarker.Estimate(face, d)).YawDegrees;
            foreach (var (dx, dy, scale) in new[] { (-25, 0, 1.0), (25, 0, 1.0), (0, -25, 1.0), (0, 25, 1.0), (0, 0, 0.9), (0, 0, 1.1) })
            {
                var moved = d with { Box = FaceBox.FromCenter(d.Box.Center.X + dx, d.Box.Center.Y + dy, d.Box.Width * scale, d.Box.Height * scale) };
                var refined = mesh.Landmarker.Estimate(face, moved);
                Assert.InRange(refined.Runs, 1, 3);
                Assert.InRange(FaceMeshGeometry.HeadPose(refined).YawDegrees - referenceYaw, -4, 4);
                worstRefined = Math.Max(worstRefined, Math.Abs(Math.Log(FaceMeshGeometry.MeanEyeAspectRatio(refined) / reference)));
                worstSingle = Math.Max(worstSingle, Math.Abs(Math.Log(FaceMeshGeometry.MeanEyeAspectRatio(single.Estimate(face, moved)) / reference)));
            }
        }

        Assert.True(worstRefined < Math.Log(1.12), $"refined EAR off by up to x{Math.Exp(worstRefined):F2}");
        Assert.True(worstSingle > worstRefined, $"single run x{Math.Exp(worstSingle):F2}, refined x{Math.Exp(worstRefined):F2}");
    }

    [Fact]
    public void Texture_without_a_face_gets_a_low_face_confidence()
    {
        var noise = TestImages.Noise(400, 400, 3);
        var fake = new FaceDetection(new FaceBox(100, 100, 200, 200), 0.9f, [new(150, 170), new(250, 170), new(200, 220), new(200, 260), new(110, 180), new(290, 180)]);
        Assert.True(mesh.Landmarker.Estimate(noise, fake).FaceConfidence < 0.1);
    }

    [Fact]
    public void Missing_or_malformed_models_are_typed_errors()
    {
        using var options = Matching.FaceAnalyzer.CreateSessionOptions(1);
        var dir = Directory.CreateTempSubdirectory("readerkit-mesh-");
        try
        {
            Assert.Throws<FaceModelsMissingException>(() => new FaceMeshLandmarker(Path.Combine(dir.FullName, "facemesh.onnx"), options));
            var garbage = Path.Combine(dir.FullName, "garbage.onnx");
            File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8]);
            Assert.Throws<FaceModelInvalidException>(() => new FaceMeshLandmarker(garbage, options));

            // A real model with the wrong signature (BlazeFace: 256² input, no 1404-wide output).
            var e = Assert.Throws<FaceModelInvalidException>(() => new FaceMeshLandmarker(FaceModelFiles.Locate().Detector, options));
            Assert.Contains("input", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Eye_aspect_ratio_drops_when_the_eyes_are_painted_shut()
    {
        // Measured on sample3's three faces: closed/open 0.69–0.78 (the mesh never closes fully; see README).
        foreach (var face in fx.FaceCrops(3))
        {
            var open = FaceMeshGeometry.MeanEyeAspectRatio(Estimate(face));
            var shut = FaceMeshGeometry.MeanEyeAspectRatio(Estimate(MeshTestImages.PaintEyesShut(face, Detect(face))));
            Assert.InRange(open, 0.2, 0.45);
            Assert.True(shut < 0.85 * open, $"open {open:F3} shut {shut:F3}");
        }
    }

    [Fact]
    public void Yaw_sign_follows_the_subjects_left_on_mirrored_and_squeezed_faces()
    {
        foreach (var face in fx.FaceCrops(3))
        {
            var yaw = FaceMeshGeometry.HeadPose(Estimate(face)).YawDegrees;
            var mirrored = FaceMeshGeometry.HeadPose(Estimate(face.Mirror())).YawDegrees;

            // sample3's faces are turned 14–16° (mesh) either way: mirroring flips the sign and keeps the size.
            Assert.True(Math.Abs(yaw) > 8 && Math.Sign(yaw) == -Math.Sign(mirrored), $"yaw {yaw:F1} mirrored {mirrored:F1}");
            Assert.True(Math.Abs(yaw + mirrored) < 6, $"yaw {yaw:F1} mirrored {mirrored:F1}");

            // Compressing the image-right half looks like the subject turning to their left (positive yaw), and vice versa.
            var d = Detect(face);
            var towardsLeft = FaceMeshGeometry.HeadPose(Estimate(MeshTestImages.SqueezeHalf(face, d, 0.6))).YawDegrees;
            var towardsRight = FaceMeshGeometry.HeadPose(Estimate(MeshTestImages.SqueezeHalf(face, d, 1 / 0.6))).YawDegrees;
            Assert.True(towardsLeft > yaw + 8, $"yaw {yaw:F1} squeezed right half {towardsLeft:F1}");
            Assert.True(towardsRight < yaw - 8, $"yaw {yaw:F1} squeezed left half {towardsRight:F1}");
        }
    }

    [Fact]
    public async Task Blink_sequence_passes_and_staring_does_not()
    {
        var face = fx.FrontalFace;
        var shut = MeshTestImages.PaintEyesShut(face, Detect(face));
        bool[] open = [true, true, true, true, false, false, true, true, true];
        var blink = open.Select((o, i) => Frame(Jitter(o ? face : shut, i), i)).ToList();
        var detector = new ActiveChallengeDetector([ChallengeAction.Blink], mesh.Landmarker);
        var passed = await detector.EvaluateAsync(blink, CancellationToken.None);
        Assert.True(passed.Outcome == PadOutcome.BonaFide, $"{passed}; EAR {Ears(detector, blink)}");

        var staring = open.Select((_, i) => Frame(Jitter(face, i), i)).ToList();
        var failed = await detector.EvaluateAsync(staring, CancellationToken.None);
        Assert.True(failed.Finding == PadFinding.ChallengeNotCompleted, $"{failed}; EAR {Ears(detector, staring)}");
        Assert.Equal(PadOutcome.Attack, failed.Outcome);
    }

    [Fact]
    public async Task Turn_sequence_passes_in_the_requested_direction_and_fails_the_other_way()
    {
        // Start frontal (jittered), then the image-right half squeezed: the subject turning to their left.
        var face = fx.FrontalFace;
        var turned = MeshTestImages.SqueezeHalf(face, Detect(face), 0.6);
        var frames = Enumerable.Range(0, 9).Select(i => Frame(Jitter(i < 4 ? face : turned, i), i)).ToList();
        var left = await new ActiveChallengeDetector([ChallengeAction.TurnLeft], mesh.Landmarker).EvaluateAsync(frames, CancellationToken.None);
        Assert.True(left.Outcome == PadOutcome.BonaFide, left.ToString());
        var right = await new ActiveChallengeDetector([ChallengeAction.TurnRight], mesh.Landmarker).EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadFinding.ChallengeWrongDirection, right.Finding);
        Assert.Equal(PadOutcome.Attack, right.Outcome);

        // A real photo pair: this face is turned ~15° to the subject's right; its mirror image is the same turn to the left.
        var mirrored = Enumerable.Range(0, 9).Select(i => Frame(Jitter(i < 4 ? face : face.Mirror(), i), i)).ToList();
        Assert.Equal(PadOutcome.BonaFide, (await new ActiveChallengeDetector([ChallengeAction.TurnLeft], mesh.Landmarker).EvaluateAsync(mirrored, CancellationToken.None)).Outcome);
        Assert.Equal(PadFinding.ChallengeWrongDirection, (await new ActiveChallengeDetector([ChallengeAction.TurnRight], mesh.Landmarker).EvaluateAsync(mirrored, CancellationToken.None)).Finding);
    }

    [Fact]
    public async Task No_face_or_too_few_frames_is_inconclusive()
    {
        var detector = new ActiveChallengeDetector([ChallengeAction.Blink, ChallengeAction.TurnLeft], mesh.Landmarker);
        var empty = Enumerable.Range(0, 8).Select(i => new PadFrame(FaceImage.Filled(320, 240, 90, 90, 90), null, T0.AddMilliseconds(i * 66))).ToList();
        var r = await detector.EvaluateAsync(empty, CancellationToken.None);
        Assert.Equal(PadOutcome.Inconclusive, r.Outcome);
        Assert.Equal(PadFinding.InsufficientFrames, r.Finding);

        var few = Enumerable.Range(0, 3).Select(i => Frame(Jitter(fx.FrontalFace, i), i)).ToList();
        var r2 = await detector.EvaluateAsync(few, CancellationToken.None);
        Assert.Equal(PadFinding.InsufficientFrames, r2.Finding);

        // A detection on texture that FaceMesh does not confirm counts as no face.
        var fake = new FaceDetection(new FaceBox(100, 100, 200, 200), 0.9f, [new(150, 170), new(250, 170), new(200, 220), new(200, 260), new(110, 180), new(290, 180)]);
        var textured = Enumerable.Range(0, 8).Select(i => new PadFrame(TestImages.Noise(400, 400, i), fake, T0)).ToList();
        Assert.Equal(PadFinding.InsufficientFrames, (await detector.EvaluateAsync(textured, CancellationToken.None)).Finding);
    }

    [Fact]
    public async Task Replaying_a_folder_of_captured_frames_reports_each_frame_and_the_verdict()
    {
        var dir = Directory.CreateTempSubdirectory("readerkit-challenge-");
        try
        {
            var face = fx.FrontalFace;
            var shut = MeshTestImages.PaintEyesShut(face, Detect(face));
            bool[] open = [true, true, true, true, false, false, true, true, true];
            for (var i = 0; i < open.Length; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir.FullName, $"frame-{i:00}.jpg"), FaceImageDecoder.EncodeJpeg(Jitter(open[i] ? face : shut, i)));
            }

            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "frame-09.jpg"), [0xFF, 0xD8, 0x00]);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "frame-10.png"), FaceImageDecoder.EncodePng(FaceImage.Filled(320, 240, 90, 90, 90)));
            var r = await ChallengeReplay.RunAsync(dir.FullName, fx.Analyzer, mesh.Landmarker, [ChallengeAction.Blink], null, CancellationToken.None);
            Assert.Equal(11, r.Frames.Count);
            Assert.Equal(9, r.Frames.Count(f => f.Status == "measured"));
            Assert.StartsWith("undecodable", r.Frames[9].Status, StringComparison.Ordinal);
            Assert.Equal("no face", r.Frames[10].Status);
            Assert.True(r.Result.Outcome == PadOutcome.BonaFide, r.Result.ToString());

            var turn = await ChallengeReplay.RunAsync(dir.FullName, fx.Analyzer, mesh.Landmarker, [ChallengeAction.TurnLeft], null, CancellationToken.None);
            Assert.Equal(PadFinding.ChallengeNotCompleted, turn.Result.Finding);

            await Assert.ThrowsAsync<ChallengeReplayException>(() => ChallengeReplay.RunAsync(
                Path.Combine(dir.FullName, "missing"), fx.Analyzer, mesh.Landmarker, [ChallengeAction.Blink], null, CancellationToken.None));
            var empty = dir.CreateSubdirectory("empty");
            await Assert.ThrowsAsync<ChallengeReplayException>(() => ChallengeReplay.RunAsync(
                empty.FullName, fx.Analyzer, mesh.Landmarker, [ChallengeAction.Blink], null, CancellationToken.None));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private PadFrame Frame(FaceImage image, int i) => new(image, FaceQualityAssessor.Primary(fx.Analyzer.Detect(image)), T0.AddMilliseconds(i * 66));

    private string Ears(ActiveChallengeDetector detector, IEnumerable<PadFrame> frames) =>
        string.Join(" ", frames.Select(f => detector.Measure(f) is { } m ? FormattableString.Invariant($"{m.RightEyeAspectRatio:F3}/{m.LeftEyeAspectRatio:F3}") : "-"));

    /// <summary>A person standing still at a kiosk: ±1.5° roll, ±2 % scale, ±4 px shift and pixel noise (deterministic per seed).</summary>
    private static FaceImage Jitter(FaceImage face, int seed)
    {
        var r = new Random(seed);
        var degrees = (r.NextDouble() - 0.5) * 3;
        var scale = 1 + ((r.NextDouble() - 0.5) * 0.04);
        var t = new SimilarityTransform(Math.Cos(degrees * Math.PI / 180) * scale, Math.Sin(degrees * Math.PI / 180) * scale, 0, 0);
        var c = t.Apply(new Point2(200 + ((r.NextDouble() - 0.5) * 8), 200 + ((r.NextDouble() - 0.5) * 8)));
        var image = FaceAligner.Warp(face, t with { Tx = 200 - c.X, Ty = 200 - c.Y }, 400);
        var px = image.Rgba;
        for (var i = 0; i < px.Length; i++)
        {
            if ((i & 3) != 3)
            {
                px[i] = (byte)Math.Clamp(px[i] + r.Next(-3, 4), 0, 255);
            }
        }

        return image;
    }

    private static FaceImage Rotate(FaceImage face, double degrees)
    {
        var t = new SimilarityTransform(Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180), 0, 0);
        var c = t.Apply(new Point2(200, 200));
        return FaceAligner.Warp(face, t with { Tx = 200 - c.X, Ty = 200 - c.Y }, 400);
    }
}
