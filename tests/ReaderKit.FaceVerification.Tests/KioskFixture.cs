using System.Collections.Concurrent;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;
using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.Face.Verification.Tests;

/// <summary>One verifier and the rendered attempts, shared by the end-to-end tests (each attempt runs once per test run).</summary>
public sealed class KioskFixture : IDisposable
{
    private readonly Lazy<FaceVerifier> _verifier;
    private readonly ConcurrentDictionary<string, Lazy<Task<Attempt>>> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, byte[]> _chips = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public KioskFixture()
    {
        ModelDirectory = FaceModelFiles.Locate().Directory;
        _verifier = new Lazy<FaceVerifier>(() => new FaceVerifier(Options, ModelDirectory));
    }

    /// <summary>Short steps so attacks that never complete an action stay cheap; long deadlines so a loaded CI machine does not time out.</summary>
    public static FaceVerifierOptions Options { get; } = new()
    {
        FramesPerPrompt = 5,
        MaxActionFrames = 12,
        StepTimeout = TimeSpan.FromSeconds(30),
        ChipPhotoTimeout = TimeSpan.FromSeconds(30),
    };

    public string ModelDirectory { get; }

    public FaceVerifier Verifier => _verifier.Value;

    /// <summary>Holder faces used for the bona fide runs (distinct people).</summary>
    public static int[] Holders { get; } = [0, 1, 2];

    /// <summary>The chip photo of sample face <paramref name="face"/>: greyscale 240×320 JPEG 2000 at 30:1, like the card's.</summary>
    public byte[] ChipPhoto(int face) => _chips.GetOrAdd(face, f =>
        Jp2Codec.Encode(new ChipPhotoFactory().Portrait(SampleFaces.All[f]), new Jp2EncodeOptions { CompressionRatio = 30 }));

    /// <summary>A fixed challenge per seed, so each species meets both orders and both directions across seeds.</summary>
    public static IReadOnlyList<ChallengePrompt> ChallengeFor(int seed) => (seed % 4) switch
    {
        1 => [ChallengePrompt.Blink, ChallengePrompt.TurnLeft],
        2 => [ChallengePrompt.TurnRight, ChallengePrompt.Blink],
        3 => [ChallengePrompt.TurnLeft, ChallengePrompt.Blink],
        _ => [ChallengePrompt.Blink, ChallengePrompt.TurnRight],
    };

    /// <summary>Runs (once) the attempt of <paramref name="presentation"/> showing sample face <paramref name="presented"/> against <paramref name="holder"/>'s chip photo.</summary>
    public Task<Attempt> RunAsync(KioskPresentation presentation, int presented, int holder, int seed) =>
        _attempts.GetOrAdd($"{presentation}/{presented}/{holder}/{seed}", _ => new Lazy<Task<Attempt>>(async () =>
        {
            await using var camera = new VirtualKioskCamera(presentation, SampleFaces.All[presented], ModelDirectory, seed);
            var result = await VerifyAsync(camera, camera, Task.FromResult<byte[]?>(ChipPhoto(holder)), ChallengeFor(seed));
            return new Attempt(result, camera.PromptsShown, camera.FramesRendered);
        })).Value;

    /// <summary>One attempt with a fixed challenge (null: the verifier's cryptographic draw).</summary>
    public async Task<FaceVerification> VerifyAsync(IFrameSource camera, IChallengePrompter prompter, Task<byte[]?> photo, IReadOnlyList<ChallengePrompt>? challenge, CancellationToken cancellationToken = default, bool keepBestFrame = false)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Verifier.ChallengeSource = challenge is null ? FaceVerifier.RandomChallenge : _ => challenge;
            return await Verifier.VerifyAsync(camera, prompter, photo, keepBestFrame, cancellationToken);
        }
        finally
        {
            Verifier.ChallengeSource = FaceVerifier.RandomChallenge;
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_verifier.IsValueCreated)
        {
            _verifier.Value.Dispose();
        }

        _gate.Dispose();
    }
}

/// <summary>An attempt's result, the prompts the camera saw and the frames it rendered.</summary>
public sealed record Attempt(FaceVerification Result, IReadOnlyList<ChallengePrompt> Prompts, int Frames);

[CollectionDefinition(Name)]
public sealed class KioskCollection : ICollectionFixture<KioskFixture>
{
    public const string Name = "virtual kiosk";
}
