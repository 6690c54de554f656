using System.Globalization;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Verification;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// The virtual kiosk camera: an <see cref="IFrameSource"/> like the real cameras, and the kiosk screen
/// (<see cref="IChallengePrompter"/>) the person in front of it reads. Each <see cref="ReadFrameAsync"/> renders the next
/// 640×480 JPEG of the scene (<see cref="KioskPresentation"/>) at a virtual 15 fps; what is shown reacts to the prompts the way
/// that presentation would (a live head turns and blinks, a print is tilted, a replayed video ignores them). Deterministic for a
/// seed: frames depend on the frame index and the prompts, never on wall-clock time, so tests behave the same under load.
/// </summary>
public sealed class VirtualKioskCamera : IFrameSource, IChallengePrompter
{
    /// <summary>Virtual frame rate.</summary>
    public const double FramesPerSecond = 15;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly IKioskActor? _actor;
    private readonly Random _sensor;
    private readonly List<ChallengePrompt> _prompts = [];
    private readonly Lock _gate = new();
    private readonly CameraFailure? _failure;
    private bool _started;
    private bool _disposed;
    private int _frame;

    /// <param name="presentation">What is in front of the camera.</param>
    /// <param name="face">The sample face shown (the holder's for the genuine case and the attacks; another one for "another person").</param>
    /// <param name="modelDirectory">Face models, used once per face to build its <see cref="HeadModel"/>.</param>
    /// <param name="seed">Seed of the person's motion, reaction times and the sensor noise.</param>
    /// <param name="sampleDirectory">Folder of the npm sample photos (null: <see cref="SampleFaces.Locate"/>).</param>
    public VirtualKioskCamera(KioskPresentation presentation, SampleFace face, string modelDirectory, int seed = 1, string? sampleDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        Presentation = presentation;
        _sensor = new Random(unchecked((seed * 7919) + 17));
        if (presentation != KioskPresentation.Empty)
        {
            var head = HeadModel.For(face, modelDirectory, sampleDirectory);
            var scale = (float)(FrameRenderer.Height * 0.4 / head.FaceSize);
            _actor = presentation switch
            {
                KioskPresentation.LiveHead => new LiveHeadActor(head, seed),
                KioskPresentation.PrintStill => Print(head, scale, FlatMotion.Still, 0, seed),
                KioskPresentation.PrintWaved => Print(head, scale, FlatMotion.Waved, 0, seed),
                KioskPresentation.PrintTilted => Print(head, scale, FlatMotion.FollowsTurns, 0, seed),
                KioskPresentation.PrintBent => Print(head, scale, FlatMotion.FollowsTurns, 0.6 * head.FaceSize, seed),
                KioskPresentation.ScreenReplay => ScreenReplay.Create(head, seed),
                _ => throw new ArgumentOutOfRangeException(nameof(presentation), presentation, "unknown presentation"),
            };
        }

        Description = string.Create(CultureInfo.InvariantCulture, $"virtual kiosk camera ({presentation}, {face.File}, seed {seed})");
    }

    private VirtualKioskCamera(CameraFailure failure)
    {
        _failure = failure;
        _sensor = new Random(1);
        Description = $"virtual kiosk camera (unavailable: {failure})";
    }

    /// <summary>A camera that cannot be opened (unplugged, busy): <see cref="StartAsync"/> throws <see cref="CameraUnavailableException"/>.</summary>
    public static VirtualKioskCamera Unavailable(CameraFailure failure = CameraFailure.NotFound) => new(failure);

    public KioskPresentation Presentation { get; }

    public string Description { get; }

    /// <summary>Prompts shown so far, in order.</summary>
    public IReadOnlyList<ChallengePrompt> PromptsShown
    {
        get
        {
            lock (_gate)
            {
                return [.. _prompts];
            }
        }
    }

    /// <summary>Frames rendered so far.</summary>
    public int FramesRendered => Volatile.Read(ref _frame);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_failure is { } failure)
        {
            throw new CameraUnavailableException(failure, $"{Description}: no camera");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        _started = true;
        return Task.CompletedTask;
    }

    public ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_started || _disposed)
        {
            throw new CameraUnavailableException(CameraFailure.NotRunning, $"{Description} is not running");
        }

        lock (_gate)
        {
            var n = _frame++;
            var surfaces = _actor?.Render(n) ?? [];
            using var bitmap = FrameRenderer.Draw(surfaces, new SKColor(88, 94, 102));
            var flicker = 1 + ((_sensor.NextDouble() - 0.5) * 0.04);
            var jpeg = FrameRenderer.Expose(bitmap, flicker, 0, 2.0, _sensor);
            return ValueTask.FromResult(new CameraFrame(jpeg, n, Epoch + TimeSpan.FromSeconds(n / FramesPerSecond)));
        }
    }

    public ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _prompts.Add(prompt);
            _actor?.Prompt(prompt, _frame);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _actor?.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private static FlatActor Print(HeadModel head, float scale, FlatMotion motion, double bend, int seed)
    {
        var (image, centre) = FlatActor.Print(head);
        return new FlatActor(image, centre, scale, motion, bend, seed);
    }
}
