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
}
