using System.CommandLine;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Matching;

namespace ReaderKit.Cli.Tests;

/// <summary>face-eval's argument rules, built-in thresholds and CSV fields (no models needed).</summary>
public sealed class FaceEvalCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("2,x")]
    [InlineData("-1")]
    public async Task A_compare_k_that_is_not_a_list_of_positive_integers_is_a_usage_error(string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(
            ["face-eval", "--dir", Path.GetTempPath(), "--frames", "5", "--compare-k", value],
            new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Built_in_thresholds_follow_the_configuration_and_the_unit()
    {
        var defaults = new FaceMatchOptions();
        Assert.Equal(defaults.Threshold, FaceEvalCommand.BuiltInThreshold(defaults.Descriptors, defaults, 1));
        Assert.Equal(defaults.TransactionThreshold, FaceEvalCommand.BuiltInThreshold(defaults.Descriptors, defaults, 5));
        IReadOnlyList<DescriptorModel> best = [DescriptorModel.Dlib, DescriptorModel.Faceplugin];
        Assert.Equal(FaceMatchOptions.DlibFacepluginThreshold, FaceEvalCommand.BuiltInThreshold(best, defaults, 1));
        Assert.Equal(FaceMatchOptions.DlibFacepluginTransactionThreshold, FaceEvalCommand.BuiltInThreshold(best, defaults, 5));
        Assert.Equal(0.94, FaceEvalCommand.BuiltInThreshold([DescriptorModel.Dlib], defaults, 1));
        Assert.True(double.IsNaN(FaceEvalCommand.BuiltInThreshold([DescriptorModel.Faceplugin, DescriptorModel.Dlib], defaults, 1)));
    }

    [Fact]
    public void Csv_fields_are_quoted_only_when_needed()
    {
        Assert.Equal("lfw100", FaceEvalCommand.Csv("lfw100"));
        Assert.Equal("\"a,b\"", FaceEvalCommand.Csv("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", FaceEvalCommand.Csv("say \"hi\""));
    }
}
