using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>Progress per step, per-step timings, and cancellation honoured at every step.</summary>
public sealed class InspectionProgressTests
{
    private static readonly CardInspectionStep[] Expected =
    [
        CardInspectionStep.SurfaceApSelected, CardInspectionStep.CredentialChecked, CardInspectionStep.CardFaceRead,
        CardInspectionStep.AgeRecordRead, CardInspectionStep.SignaturesChecked, CardInspectionStep.SurfaceChipChallenged,
        CardInspectionStep.TextApRead, CardInspectionStep.TextChipChallenged, CardInspectionStep.CommonApChecked,
    ];

    private static CardInspectionOptions Options() => CardInspectorTests.Options() with { ReadAgeRecord = true };

    [Fact]
    public async Task Every_step_is_reported_once_in_order_with_its_checks_and_timed()
    {
        var card = TestCard.Create();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var reports = new SynchronousProgress();
        using var result = await CardInspectorTests.Inspector(card, Options()).InspectAsync(card.Channel(), vnb, reports, CancellationToken.None);
        Assert.Equal(Expected, reports.Items.Select(p => p.Step));
        Assert.Equal(Expected, result.Timings.Select(t => t.Step));
        Assert.Equal(result.Checks.Count, reports.Items.Sum(p => p.Checks.Count));
        Assert.Contains(reports.Items.Single(p => p.Step == CardInspectionStep.SignaturesChecked).Checks, c => c.Name == CheckNames.SurfaceCardFace && c.Status == CheckStatus.Pass);
        Assert.Single(reports.Items.Single(p => p.Step == CardInspectionStep.SurfaceChipChallenged).Checks, c => c.Name == CheckNames.SurfaceCardPresence);
        Assert.Empty(reports.Items.Single(p => p.Step == CardInspectionStep.CardFaceRead).Checks);
        for (var i = 1; i < result.Timings.Count; i++)
        {
            Assert.True(result.Timings[i].Offset >= result.Timings[i - 1].Offset + result.Timings[i - 1].Duration);
        }

        Assert.All(result.Timings, t => Assert.True(t.Duration >= TimeSpan.Zero));
        Assert.Equal(reports.Items[^1].Elapsed, result.TotalDuration);
    }

    [Fact]
    public async Task The_verified_card_face_comes_with_the_signatures_step_only()
    {
        var card = TestCard.Create();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var reports = new SynchronousProgress();
        using var result = await CardInspectorTests.Inspector(card, Options()).InspectAsync(card.Channel(), vnb, reports, CancellationToken.None);
        Assert.Equal(result.PhotoJpeg2000, reports.Items.Single(p => p.Step == CardInspectionStep.SignaturesChecked).VerifiedCardFace?.PhotoJpeg2000);
        Assert.All(reports.Items.Where(p => p.Step != CardInspectionStep.SignaturesChecked), p => Assert.Null(p.VerifiedCardFace));
    }

    [Fact]
    public async Task A_card_face_whose_signature_fails_is_not_handed_out()
    {
        var card = TestCard.Create();
        card.CardFace = TamperMatrixTests.Flip(card.CardFace, 0xFF20, 0xDF27, 50);
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var reports = new SynchronousProgress();
        using var result = await CardInspectorTests.Inspector(card, Options()).InspectAsync(card.Channel(), vnb, reports, CancellationToken.None);
        Assert.False(result.IsGenuine);
        Assert.All(reports.Items, p => Assert.Null(p.VerifiedCardFace));
    }

    [Fact]
    public async Task Steps_are_timed_on_the_injected_clock()
    {
        var card = TestCard.Create();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(5));
        using var result = await new CardInspector(card.TrustOptions(), Options(), clock).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.All(result.Timings, t => Assert.Equal(TimeSpan.FromMilliseconds(5), t.Duration));
        Assert.Equal(clock.Start, result.VerificationTime);
    }

    public static TheoryData<CardInspectionStep> Steps() => [.. Expected];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Cancellation_after_any_step_stops_the_inspection_before_the_next_command(CardInspectionStep step)
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var cts = new CancellationTokenSource();
        var sentAtCancel = -1;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Step == step)
            {
                sentAtCancel = channel.Received.Count;
                cts.Cancel();
            }
        });
        if (step == Expected[^1])
        {
            // The last step completes the inspection: cancellation after it has nothing left to stop.
            using var done = await CardInspectorTests.Inspector(card, Options()).InspectAsync(channel, vnb, progress, cts.Token);
            Assert.True(done.IsGenuine);
            return;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CardInspectorTests.Inspector(card, Options()).InspectAsync(channel, vnb, progress, cts.Token));
        Assert.Equal(sentAtCancel, channel.Received.Count);
    }

    [Fact]
    public async Task A_cancelled_token_sends_nothing()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CardInspectorTests.Inspector(card).InspectAsync(channel, vnb, null, new CancellationToken(canceled: true)));
        Assert.Empty(channel.Received);
    }

    /// <summary>IProgress that runs inline (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<CardInspectionProgress>? onReport = null) : IProgress<CardInspectionProgress>
    {
        public List<CardInspectionProgress> Items { get; } = [];

        public void Report(CardInspectionProgress value)
        {
            Items.Add(value);
            onReport?.Invoke(value);
        }
    }

    /// <summary>Each timestamp read advances the clock by <c>step</c>: a step (one read at its start, one at its end) lasts exactly that.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public DateTimeOffset Start { get; } = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => Start;

        public override long GetTimestamp()
        {
            var now = _ticks;
            _ticks += step.Ticks;
            return now;
        }
    }
}
