using ReaderKit.Contracts;

namespace ReaderKit.Tap.Tests.Fakes;

/// <summary>
/// A face step with a scripted outcome: "captures" at once, then waits for the chip photo like the real one and returns
/// <see cref="Outcome"/> (or throws <see cref="Failure"/>, or never finishes with <see cref="Hang"/>). Records what it saw.
/// </summary>
internal sealed class FakeFaceCheck : ITapFaceCheck
{
    public TapFaceOutcome Outcome { get; init; } = TapFaceOutcome.Accepted;

    public Exception? Failure { get; init; }

    public bool Hang { get; init; }

    public Task<byte[]?>? PhotoTask { get; private set; }

    public byte[]? Photo { get; private set; }

    public bool PhotoArrived { get; private set; }

    public int Calls { get; private set; }

    public bool Cancelled { get; private set; }

    public async Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken)
    {
        Calls++;
        PhotoTask = context.VerifiedChipPhoto;
        try
        {
            await context.Camera.StartAsync(cancellationToken);
            context.Prompts.Show(TapPrompt.Blink);
            if (Failure is not null)
            {
                throw Failure;
            }

            context.Captured();
            Photo = await context.VerifiedChipPhoto.WaitAsync(cancellationToken);
            PhotoArrived = true;
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var status = Outcome == TapFaceOutcome.Accepted ? CheckLineStatus.Pass : CheckLineStatus.Fail;
            return new TapFaceResult(Outcome, $"scripted {Outcome}", Photo is null ? null : 0.9, 0.5, [new CheckLine("face.match", status, $"scripted {Outcome}")], [new TapTiming("face.match", TimeSpan.Zero, TimeSpan.FromMilliseconds(1))])
            {
                MatchDecision = Outcome == TapFaceOutcome.Accepted ? "Match" : "NoMatch",
            };
        }
        catch (OperationCanceledException)
        {
            Cancelled = true;
            throw;
        }
    }
}

/// <summary>Collects prompts.</summary>
internal sealed class PromptLog : ITapPromptSink
{
    private readonly List<TapPrompt> _prompts = [];

    public IReadOnlyList<TapPrompt> Prompts
    {
        get
        {
            lock (_prompts)
            {
                return [.. _prompts];
            }
        }
    }

    public void Show(TapPrompt prompt)
    {
        lock (_prompts)
        {
            _prompts.Add(prompt);
        }
    }
}
