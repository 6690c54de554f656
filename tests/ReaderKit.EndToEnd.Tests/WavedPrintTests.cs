using ReaderKit.Cli.Reader;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;
using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Issue #9 §2 on the virtual kiosk camera: the face check `readerkit verify` runs today (<see cref="LiveFaceCheck"/>: stillness +
/// screen pattern, best frame of N) accepts a gently waved print of the holder; <see cref="FaceVerifier"/> rejects the same
/// presentation.
/// </summary>
public sealed class WavedPrintTests
{
    private static readonly SampleFace Holder = SampleFaces.All[1];

    private static byte[] ChipPhoto() =>
        Jp2Codec.Encode(new ChipPhotoFactory().Portrait(Holder), new Jp2EncodeOptions { CompressionRatio = 30 });

    [Fact]
    public async Task Todays_live_face_check_accepts_a_waved_print_of_the_holder()
    {
        var models = FaceModelFiles.Locate();
        using var analyzer = new FaceAnalyzer(models);
        await using var camera = new VirtualKioskCamera(KioskPresentation.PrintWaved, Holder, models.Directory, seed: 1);
        var result = await LiveFaceCheck.RunAsync(ChipPhoto(), camera, analyzer, 12, CancellationToken.None);
        Assert.True(result.Accepted, $"{result.Decision} {result.BestScore} {result.Screening.Outcome}");
    }

    [Fact]
    public async Task The_face_verifier_rejects_the_same_waved_print()
    {
        var models = FaceModelFiles.Locate();
        using var verifier = new FaceVerifier(new FaceVerifierOptions { StepTimeout = TimeSpan.FromSeconds(30) }, models.Directory);
        await using var camera = new VirtualKioskCamera(KioskPresentation.PrintWaved, Holder, models.Directory, seed: 1);
        var result = await verifier.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(ChipPhoto()), CancellationToken.None);
        Assert.Equal(FaceOutcome.PresentationAttack, result.Outcome);
        Assert.False(result.Accepted);
    }
}
