using System.Text.Json;
using ReaderKit.Contracts;

namespace ReaderKit.Cli.Tests;

/// <summary><c>readerkit demo</c>: its options and the in-process runs of the presentations.</summary>
public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("live", VerdictKind.Accepted)]
    [InlineData("print", VerdictKind.FaceNotAccepted)]
    [InlineData("screen", VerdictKind.FaceNotAccepted)]
    [InlineData("other-person", VerdictKind.FaceNotAccepted)]
    public void Each_presentation_option_parses_to_one_tap_of_the_persona_with_that_scene(string presentation, VerdictKind expected)
    {
        var parse = CliCommands.Root().Parse(["demo", "--persona", "sato-hanako", "--presentation", presentation]);
        Assert.Empty(parse.Errors);
        Assert.Equal(presentation, parse.GetValue<string?>("--presentation"));

        var c = Assert.Single(DemoCommand.Cases("sato-hanako", parse.GetValue<string?>("--presentation")));
        Assert.Equal(("sato-hanako", presentation, expected), (c.Card, c.Presentation, c.Expected));
    }

    [Fact]
    public void The_default_run_taps_genuine_live_a_clone_a_print_and_a_screen_replay()
    {
        var cases = DemoCommand.Cases("yamada-taro", null);
        Assert.Equal(
            [("yamada-taro", "live", VerdictKind.Accepted), ("clone", "live", VerdictKind.NotGenuine), ("yamada-taro", "print", VerdictKind.FaceNotAccepted), ("yamada-taro", "screen", VerdictKind.FaceNotAccepted)],
            cases.Select(c => (c.Card, c.Presentation, c.Expected)));
    }

    [Fact]
    public async Task An_unknown_presentation_is_bad_input_and_names_the_known_ones()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(2, await DemoCommand.RunAsync("yamada-taro", "video", "spi", json: true, outDir: null, output, errors, CancellationToken.None));
        Assert.Contains("live, print, screen or other-person", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_screen_replay_ends_face_not_accepted_on_the_screen_pattern_and_its_result_card_is_written()
    {
        var dir = Directory.CreateTempSubdirectory("readerkit-demo-test-");
        try
        {
            await ScreenReplayRun(dir);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task ScreenReplayRun(DirectoryInfo dir)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var exit = await DemoCommand.RunAsync("yamada-taro", "screen", "spi", json: true, outDir: dir.FullName, output, errors, timeout.Token);
        Assert.True(exit == 0, output.ToString() + errors);

        using var report = JsonDocument.Parse(output.ToString());
        var tap = Assert.Single(report.RootElement.GetProperty("taps").EnumerateArray());
        // On failure, the whole tap (verdict, every check with its reason, timings) is the message.
        var whole = tap.GetRawText();
        Assert.True(tap.GetProperty("verdict").GetString() == "FaceNotAccepted", whole);
        // The host's face step is the active challenge (FaceVerifierCheck): its screen-pattern check fails, and the live face is
        // never compared with the chip photo, so there is no best live frame to show.
        var screens = tap.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("name").GetString() == "face.screen-replay").ToList();
        Assert.True(screens.Count == 1, whole);
        var screen = screens[0];
        Assert.True(screen.GetProperty("status").GetString() == "FAIL", whole);
        Assert.False(string.IsNullOrWhiteSpace(screen.GetProperty("reason").GetString()));

        // The result card: written to the output folder (the chip photo; the live half stays empty without a compared frame).
        var path = tap.GetProperty("resultCard").GetString()!;
        Assert.Equal(Path.Combine(dir.FullName, "result-card-1-yamada-taro-screen.png"), path);
        using var png = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal(Cli.Reporting.ResultCardRenderer.Width, png.Width);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
