using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;
using ReaderKit.Jpeg2000;
using ReaderKit.Tap;
using ReaderKit.Tap.Faces;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Issue #9 §2 on the virtual kiosk camera: the burst face check that `readerkit verify` ran before the challenge (<see cref="LiveFaceCheck"/>, still used for replayed `file:` frames: stillness +
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
        using var check = new LiveFaceCheck(new LiveFaceCheckOptions { ModelDirectory = models.Directory });
        await using var camera = new VirtualKioskCamera(KioskPresentation.PrintWaved, Holder, models.Directory, seed: 1);
        var clock = TimeProvider.System;
        var context = new TapFaceContext(camera, new SilentPrompts(), Task.FromResult<byte[]?>(ChipPhoto()), clock, clock.GetTimestamp(), () => { });
        var result = await check.CheckAsync(context, CancellationToken.None);
        Assert.True(result.Outcome == TapFaceOutcome.Accepted, $"{result.Outcome}: {result.Reason}");
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

    private sealed class SilentPrompts : ITapPromptSink
    {
        public void Show(TapPrompt prompt)
        {
        }
    }
}
