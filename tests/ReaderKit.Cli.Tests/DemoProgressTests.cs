using ReaderKit.Cli.Reporting;
using ReaderKit.Protocol.Messages;
using Spectre.Console;

namespace ReaderKit.Cli.Tests;

/// <summary>The demo's per-step progress: a live Spectre.Console table on a terminal, plain lines when redirected, nothing with --json.</summary>
public sealed class DemoProgressTests
{
    [Fact]
    public async Task Redirected_output_gets_one_plain_line_per_step_and_prompt_without_escape_codes()
    {
        using var output = new StringWriter();
        var progress = DemoProgress.Create(output, json: false);
        Assert.False(progress.IsLive);
        var verdict = await progress.TapAsync(() =>
        {
            progress.Step(TapSteps.CardPresent);
            progress.Prompt(FacePromptKinds.LookAtCamera);
            progress.Step(TapSteps.CredentialChecked);
            return Task.FromResult("Accepted");
        });
        progress.Verdict("verdict: Accepted", asExpected: true);

        Assert.Equal("Accepted", verdict);
        Assert.Equal(["  … cardPresent", "  prompt: lookAtCamera", "  … credentialChecked", "verdict: Accepted"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public async Task Json_output_gets_no_progress_at_all()
    {
        using var output = new StringWriter();
        var progress = DemoProgress.Create(output, json: true);
        await progress.TapAsync(() =>
        {
            progress.Step(TapSteps.CardPresent);
            progress.Prompt(FacePromptKinds.Blink);
            return Task.FromResult(0);
        });
        progress.Verdict("verdict: Accepted", asExpected: true);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task On_a_terminal_the_steps_are_ticked_live_in_a_table_in_the_taps_order()
    {
        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(screen),
        });
        var progress = DemoProgress.Live(console);
        Assert.True(progress.IsLive);
        await progress.TapAsync(async () =>
        {
            foreach (var step in new[] { TapSteps.CardPresent, TapSteps.CredentialChecked, TapSteps.CardFaceRead, TapSteps.FaceCaptured, TapSteps.SignaturesChecked })
            {
                progress.Step(step);
                await Task.Yield();
            }

            return 0;
        });

        Assert.Equal([TapSteps.CardPresent, TapSteps.CredentialChecked, TapSteps.CardFaceRead, TapSteps.SignaturesChecked, TapSteps.FaceCaptured], progress.Done);
        var drawn = screen.ToString();
        Assert.Contains("signatures checked", drawn, StringComparison.Ordinal);
        Assert.Contains("chip challenge", drawn, StringComparison.Ordinal);
        Assert.Contains("✓", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("  … ", drawn, StringComparison.Ordinal); // no plain lines on a terminal
    }
}
