using ReaderKit.Face.Liveness;
using ReaderKit.Face.Verification;

namespace ReaderKit.Face.Verification.Tests;

public sealed class ChallengeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_challenge_has_a_turn_a_blink_from_two_actions_on_and_no_repeats(int length)
    {
        for (var i = 0; i < 300; i++)
        {
            var c = FaceVerifier.RandomChallenge(length);
            Assert.Equal(length, c.Count);
            Assert.Contains(c, a => a is ChallengePrompt.TurnLeft or ChallengePrompt.TurnRight);
            Assert.DoesNotContain(c, a => a is ChallengePrompt.LookAtCamera or ChallengePrompt.HoldStill);
            if (length >= 2)
            {
                Assert.Contains(ChallengePrompt.Blink, c);
            }

            for (var k = 1; k < c.Count; k++)
            {
                Assert.NotEqual(c[k - 1], c[k]);
            }
        }
    }

    [Fact]
    public void Challenges_vary_between_attempts_in_order_and_direction()
    {
        var seen = Enumerable.Range(0, 200).Select(_ => string.Join(",", FaceVerifier.RandomChallenge(2))).ToHashSet();
        // [Blink, TurnLeft], [Blink, TurnRight], [TurnLeft, Blink], [TurnRight, Blink]: all four appear in 200 draws (miss chance 4·(3/4)^200).
        Assert.Equal(4, seen.Count);
    }

    // FaceMesh's eye contour barely closes (EAR 0.90 of open here, above the 0.85 rule); the eye regions stop resembling the open eyes.
    private static List<ChallengeMeasurement> Blink(bool withAppearance) =>
        [.. new[] { (0.33, 0.97), (0.33, 0.96), (0.33, 0.97), (0.32, 0.95), (0.30, 0.55), (0.30, 0.52), (0.33, 0.93), (0.33, 0.96) }
            .Select(x => new ChallengeMeasurement(0, x.Item1, x.Item1) { EyeAppearance = withAppearance ? x.Item2 : double.NaN })];

    [Fact]
    public void A_blink_seen_only_in_the_eye_appearance_counts()
    {
        var evaluator = new ChallengeSequenceEvaluator([ChallengeAction.Blink], new ActiveChallengeOptions { MinFrames = 4 });
        Assert.Equal(PadOutcome.BonaFide, evaluator.Evaluate(Blink(withAppearance: true)).Outcome);
        Assert.Equal(PadFinding.ChallengeNotCompleted, evaluator.Evaluate(Blink(withAppearance: false)).Finding);
    }

    [Fact]
    public void Eyes_that_never_reopen_in_appearance_are_not_a_blink()
    {
        var closedToTheEnd = Blink(withAppearance: true).Select((m, i) => i >= 4 ? m with { EyeAppearance = 0.5 } : m).ToList();
        var evaluator = new ChallengeSequenceEvaluator([ChallengeAction.Blink], new ActiveChallengeOptions { MinFrames = 4 });
        Assert.Equal(PadFinding.ChallengeNotCompleted, evaluator.Evaluate(closedToTheEnd).Finding);
    }
}
