using ReaderKit.Face.Matching;
using ReaderKit.Face.Verification;

namespace ReaderKit.Face.Verification.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_the_measured_values()
    {
        var o = new FaceVerifierOptions();
        Assert.Equal(FaceMatchOptions.TransactionThresholdDefault, o.MatchThreshold);
        Assert.Equal(2, o.ChallengeLength);
        Assert.Equal(0.06, o.MinParallax);
        Assert.True(o.RequireFace);
    }

    public static TheoryData<string, Func<FaceVerifierOptions>> OutOfRange() => new()
    {
        { "MatchThreshold", () => new FaceVerifierOptions { MatchThreshold = 0.94 } },     // a cosine given to the fused matcher
        { "MatchThreshold", () => new FaceVerifierOptions { MatchThreshold = double.NaN } },
        { "MatchThreshold", () => new FaceVerifierOptions { MatchThreshold = 9 } },
        { "FramesPerPrompt", () => new FaceVerifierOptions { FramesPerPrompt = 2 } },
        { "FramesPerPrompt", () => new FaceVerifierOptions { FramesPerPrompt = 31 } },
        { "MaxActionFrames", () => new FaceVerifierOptions { MaxActionFrames = 7 } },
        { "ChallengeLength", () => new FaceVerifierOptions { ChallengeLength = 0 } },
        { "ChallengeLength", () => new FaceVerifierOptions { ChallengeLength = 5 } },
        { "MinMatchFrames", () => new FaceVerifierOptions { MinMatchFrames = 1 } },
        { "StepTimeout", () => new FaceVerifierOptions { StepTimeout = TimeSpan.FromMilliseconds(10) } },
        { "StepTimeout", () => new FaceVerifierOptions { StepTimeout = TimeSpan.FromMinutes(5) } },
        { "ChipPhotoTimeout", () => new FaceVerifierOptions { ChipPhotoTimeout = TimeSpan.Zero } },
        { "MinTurnDegrees", () => new FaceVerifierOptions { MinTurnDegrees = 3 } },
        { "BlinkClosedRatio", () => new FaceVerifierOptions { BlinkClosedRatio = 0.99 } },
        { "MinParallax", () => new FaceVerifierOptions { MinParallax = 0.001 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_values_throw_with_a_one_line_message(string name, Func<FaceVerifierOptions> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(name, e.ParamName);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains("safe range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_ends_are_accepted()
    {
        var low = new FaceVerifierOptions
        {
            MatchThreshold = FaceVerifierOptions.MinMatchThreshold, FramesPerPrompt = 3, MaxActionFrames = 8, ChallengeLength = 1, MinMatchFrames = 3,
            StepTimeout = TimeSpan.FromSeconds(1), ChipPhotoTimeout = TimeSpan.FromSeconds(1), MinTurnDegrees = 10, BlinkClosedRatio = 0.6, MinParallax = 0.03,
        };
        var high = new FaceVerifierOptions
        {
            MatchThreshold = FaceVerifierOptions.MaxMatchThreshold, FramesPerPrompt = 30, MaxActionFrames = 90, ChallengeLength = 4, MinMatchFrames = 10,
            StepTimeout = TimeSpan.FromSeconds(30), ChipPhotoTimeout = TimeSpan.FromSeconds(60), MinTurnDegrees = 30, BlinkClosedRatio = 0.9, MinParallax = 0.1,
        };
        Assert.Equal(FaceVerifierOptions.MinMatchThreshold, low.MatchThreshold);
        Assert.Equal(0.1, high.MinParallax);
    }
}
