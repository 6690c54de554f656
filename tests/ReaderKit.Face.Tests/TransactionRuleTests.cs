using ReaderKit.Face.Matching;

namespace ReaderKit.Face.Tests;

public class TransactionRuleTests
{
    [Fact]
    public void Mean_of_the_best_k_usable_frames()
    {
        var s = new TransactionRule(3, 3).Score([0.5, null, 0.9, 0.7, 0.8, null]);
        Assert.Equal((0.9 + 0.8 + 0.7) / 3, s.Score!.Value, 12);
        Assert.Equal((4, 6, 3), (s.UsableFrames, s.Frames, s.FramesAveraged));
    }

    [Fact]
    public void Too_few_usable_frames_give_no_score_and_never_match()
    {
        var s = new TransactionRule(2, 3).Score([0.99, null, 0.98, double.NaN]);
        Assert.Null(s.Score);
        Assert.Equal(2, s.UsableFrames);
        Assert.False(s.Matches(0));
    }

    [Fact]
    public void Order_does_not_matter_and_k_is_capped_by_the_usable_frames()
    {
        var rule = new TransactionRule(5, 2);
        Assert.Equal(rule.Score([0.1, 0.4, 0.3]), rule.Score([0.3, 0.1, 0.4]));
        Assert.Equal(3, rule.Score([0.1, 0.4, 0.3]).FramesAveraged);
        Assert.Equal(0.4, TransactionRule.SingleFrame.Score([0.4]).Score!.Value, 12);
    }

    [Fact]
    public void Invalid_rules_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionRule(0, 1).Score([0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionRule(1, 0).Score([0.5]));
    }
}
