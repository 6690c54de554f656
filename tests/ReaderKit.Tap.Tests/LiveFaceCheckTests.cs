using ReaderKit.Contracts;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Models;
using ReaderKit.Tap.Faces;
using ReaderKit.Tap.Tests.Fakes;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Tap.Tests;

/// <summary>
/// The face step over the real face pipeline in a whole tap: the emulated reader with a virtual card carrying a real
/// chip photo, the virtual camera's frames, the face models.
/// </summary>
public sealed class LiveFaceCheckTests : IDisposable
{
    private static readonly ChipPhotoFactory Photos = new();
    private static readonly Lazy<LiveFaceCheck> Check = new(() =>
    {
        var check = new LiveFaceCheck();
        check.Warm();
        return check;
    });

    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-tap-face-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<TapVerdict> TapAsync(string persona, LivePresentation presentation, string? cameraPersona = null)
    {
        LiveCamera.WriteFrames(_dir, PersonaCatalog.Get(cameraPersona ?? persona), 12, presentation);
        var reader = new EmulatedReader(persona, Photos);
        var tap = new CardTap(EmulatedReader.Options(), reader, new FrameDirectory(_dir), Check.Value, null, new FixedNowClock());
        return await tap.RunAsync(new TapRequest { NumberB = reader.NumberB() });
    }

    [Fact]
    public async Task The_live_holder_is_accepted()
    {
        var verdict = await TapAsync("yamada-taro", LivePresentation.Live);
        Assert.True(verdict.IsAccepted, string.Join("\n", verdict.Checks));
        Assert.Equal("Match", verdict.FaceResult!.MatchDecision);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.match", Status: CheckLineStatus.Pass });
        Assert.Contains(verdict.Timings, t => t.Name == "face.capture");
    }

    [Fact]
    public async Task A_photo_held_still_is_a_presentation_attack()
    {
        var verdict = await TapAsync("sato-hanako", LivePresentation.StaticPhoto);
        Assert.Equal(ErrorCode.PresentationAttackSuspected, verdict.Error);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.pad.static-frames", Status: CheckLineStatus.Fail });
    }

    [Fact]
    public async Task Someone_else_does_not_match()
    {
        var verdict = await TapAsync("heisei-1", LivePresentation.Live, cameraPersona: "showa-64");
        Assert.Equal(ErrorCode.FaceNotMatched, verdict.Error);
        Assert.Equal("NoMatch", verdict.FaceResult!.MatchDecision);
    }

    [Fact]
    public void Frame_counts_and_thresholds_outside_their_safe_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveFaceCheck(new LiveFaceCheckOptions { Frames = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveFaceCheck(new LiveFaceCheckOptions { Frames = 500 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveFaceCheck(new LiveFaceCheckOptions { Match = new() { Threshold = 0.01 } }));
    }

    private sealed class FrameDirectory(string path) : IFrameSourceFactory
    {
        public string Description => "virtual camera frames";

        public IFrameSource Open() => FileSequenceFrameSource.FromDirectory(path);
    }

    [Fact]
    public async Task An_undecodable_camera_frame_is_a_camera_error_in_one_line_never_a_crash()
    {
        // Issue 9 §4: a frame the decoder cannot read ends the tap with the documented reader/camera error.
        for (var i = 0; i < 12; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_dir, $"frame-{i:0000}.jpg"), [0xFF, 0xD8, 0xFF, 0x13, 0x37, (byte)i]);
        }

        var reader = new EmulatedReader("yamada-taro", Photos);
        var tap = new CardTap(EmulatedReader.Options(), reader, new FrameDirectory(_dir), Check.Value, null, new FixedNowClock());
        var verdict = await tap.RunAsync(new TapRequest { NumberB = reader.NumberB() });
        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.CameraUnavailable, verdict.Error);
        Assert.DoesNotContain('\n', verdict.Message);
    }

    [Fact]
    public void A_model_that_differs_from_models_json_is_refused_at_load()
    {
        // Issue 9 §2: the burst check (replayed frames) loads its models only after the models.json SHA-256 check too.
        var source = FaceModelFiles.Locate().Directory;
        var models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        foreach (var file in Directory.GetFiles(source).Select(Path.GetFileName))
        {
            if (file == FaceModelFiles.DetectorFileName || file == FaceModelManifest.FileName)
            {
                File.Copy(Path.Combine(source, file!), Path.Combine(models, file!));
            }
            else
            {
                File.CreateSymbolicLink(Path.Combine(models, file!), Path.GetFullPath(Path.Combine(source, file!)));
            }
        }

        using (var untouched = new LiveFaceCheck(new LiveFaceCheckOptions { ModelDirectory = models }))
        {
            untouched.Warm();
        }

        var detector = Path.Combine(models, FaceModelFiles.DetectorFileName);
        var bytes = File.ReadAllBytes(detector);
        bytes[bytes.Length / 2] ^= 0x01; // one bit in the weights: still a loadable ONNX file
        File.WriteAllBytes(detector, bytes);
        using var tampered = new LiveFaceCheck(new LiveFaceCheckOptions { ModelDirectory = models });
        var e = Assert.Throws<FaceModelInvalidException>(tampered.Warm);
        Assert.Contains(FaceModelFiles.DetectorFileName, e.Message, StringComparison.Ordinal);
    }
}
