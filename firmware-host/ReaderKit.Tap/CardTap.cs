using ReaderKit.Trust;

namespace ReaderKit.Tap;

/// <summary>
/// One card tap end to end: opens the reader from the link factory (a PN532 or a PC/SC reader), sets it up, waits for a card, inspects it
/// (<see cref="CardInspector"/>: retry-safe 照合番号B, card face, signatures, chip challenge), runs the face check
/// concurrently with the card read (only the match waits for the verified chip photo), decides, and in every case
/// releases the card, disposes the link and the camera and zeroes 照合番号B. Returns a <see cref="TapVerdict"/>; never
/// throws for what the card, the reader or the camera did, nor for cancellation (a <see cref="Contracts.VerdictKind.Cancelled"/>
/// verdict).
/// </summary>
/// <remarks>
/// One instance holds configuration and collaborators and may run one tap after another (a reader serves one card at a
/// time; concurrent calls would share the link factory's device). Progress events are raised from the tap's tasks;
/// handlers must be quick and must not throw.
/// </remarks>
public sealed class CardTap
{
    /// <param name="options">Trust, chip settings and time limits.</param>
    /// <param name="links">Opens the PN532 link for each tap (wrapped in a <see cref="Pn532CardLinkFactory"/>).</param>
    /// <param name="camera">Opens the camera for each tap; null: no camera (face not checked).</param>
    /// <param name="faceCheck">The face step; null: face not checked.</param>
    /// <param name="prompts">Where prompts for the holder go (null: nowhere).</param>
    /// <param name="clock">Clock for timings, deadlines and the verification time (null: the system clock).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CardTap(CardTapOptions options, IPn532LinkFactory links, IFrameSourceFactory? camera = null, ITapFaceCheck? faceCheck = null, ITapPromptSink? prompts = null, TimeProvider? clock = null)
        : this(options, new Pn532CardLinkFactory(links ?? throw new ArgumentNullException(nameof(links))), camera, faceCheck, prompts, clock)
    {
    }

    /// <param name="options">Trust, chip settings and time limits.</param>
    /// <param name="links">Opens the reader for each tap: a PN532 (<see cref="Pn532CardLinkFactory"/>) or a PC/SC reader.</param>
    /// <param name="camera">Opens the camera for each tap; null: no camera (face not checked).</param>
    /// <param name="faceCheck">The face step; null: face not checked.</param>
    /// <param name="prompts">Where prompts for the holder go (null: nowhere).</param>
    /// <param name="clock">Clock for timings, deadlines and the verification time (null: the system clock).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CardTap(CardTapOptions options, ICardLinkFactory links, IFrameSourceFactory? camera = null, ITapFaceCheck? faceCheck = null, ITapPromptSink? prompts = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Links = links ?? throw new ArgumentNullException(nameof(links));
        Camera = camera;
        FaceCheck = faceCheck;
        Prompts = prompts ?? NoPrompts.Instance;
        Clock = clock ?? TimeProvider.System;
    }

    /// <summary>Raised when a step completes (also passed to the per-call progress).</summary>
    public event EventHandler<TapStepProgress>? StepCompleted;

    public CardTapOptions Options { get; }

    /// <summary>Opens the reader for each tap.</summary>
    public ICardLinkFactory Links { get; }

    public IFrameSourceFactory? Camera { get; }

    public ITapFaceCheck? FaceCheck { get; }

    public ITapPromptSink Prompts { get; }

    public TimeProvider Clock { get; }

    /// <summary>True when this instance can run the face step (a camera and a face check are configured).</summary>
    public bool HasFaceCheck => Camera is not null && FaceCheck is not null;

    /// <summary>Runs one tap.</summary>
    /// <param name="request">照合番号B (zeroed when the tap ends) and what to read and return.</param>
    /// <param name="progress">Told of each completed step (may be null).</param>
    /// <param name="cancellationToken">Cancels the tap; the card is still released.</param>
    /// <exception cref="ArgumentOutOfRangeException">The request's floor is below 1.</exception>
    public Task<TapVerdict> RunAsync(TapRequest request, IProgress<TapStepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Floor < 1)
        {
            request.NumberB.Dispose();
            throw new ArgumentOutOfRangeException(nameof(request), request.Floor, "The retry floor is at least 1; spending the last try needs AllowLastTry.");
        }

        return new TapRun(this, request, progress, cancellationToken).ExecuteAsync();
    }

    internal void Raise(TapStepProgress step, IProgress<TapStepProgress>? progress)
    {
        progress?.Report(step);
        StepCompleted?.Invoke(this, step);
    }

    private sealed class NoPrompts : ITapPromptSink
    {
        public static readonly NoPrompts Instance = new();

        public void Show(TapPrompt prompt)
        {
        }
    }
}
