using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReaderKit.Host.Logging;

namespace ReaderKit.Host.Tests;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("my number 123456789012 here", "my number [redacted] here")]
    [InlineData("number B 55021720314821 sent", "number B [redacted] sent")]
    [InlineData("1234 5678 9012", "[redacted]")]
    [InlineData("1234-5678-9012", "[redacted]")]
    [InlineData("全角１２３４５６７８９０１２です", "全角[redacted]です")]
    [InlineData("short 12345678901 stays", "short 12345678901 stays")]
    [InlineData("2026-11-20 09:00:00 stays", "2026-11-20 09:00:00 stays")]
    [InlineData("record 01JH-3K5M-8Q2R-7XZW stays", "record 01JH-3K5M-8Q2R-7XZW stays")]
    public void Secret_shaped_digit_runs_are_masked(string input, string expected) => Assert.Equal(expected, new SecretRedactor().Redact(input));

    [Fact]
    public void Tracked_secrets_are_masked_only_while_tracked()
    {
        var redactor = new SecretRedactor();
        var scope = redactor.Track("4821");
        Assert.Equal("pin [redacted] typed", redactor.Redact("pin 4821 typed"));
        scope.Dispose();
        Assert.Equal("pin 4821 typed", redactor.Redact("pin 4821 typed"));
        Assert.Throws<ArgumentException>(() => redactor.Track("12"));
    }

    [Fact]
    public void A_hold_keeps_released_secrets_masked_until_it_ends()
    {
        var redactor = new SecretRedactor();
        var hold = redactor.Hold();
        redactor.Track("4821").Dispose();
        Assert.Equal("pin [redacted]", redactor.Redact("pin 4821"));
        hold.Dispose();
        Assert.Equal("pin 4821", redactor.Redact("pin 4821"));
    }

    [Fact]
    public void The_logging_pipeline_redacts_messages_values_scopes_and_exceptions()
    {
        var capture = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        ReaderHost.AddLogRedaction(services);
        using var provider = services.BuildServiceProvider();
        var redactor = provider.GetRequiredService<SecretRedactor>();
        using var pin = redactor.Track("7391");
        var log = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        using (log.BeginScope("card {Number}", "123456789012"))
        {
#pragma warning disable CA1848, CA2254 // plain Log calls on purpose: this is what careless code would do
            log.LogInformation("number B {Value} and pin {Pin}", "55021720314821", "7391");
            log.LogError(new InvalidOperationException("bad 123456789012 and 7391"), "failed for {Who}", 123456789012L);
#pragma warning restore CA1848, CA2254
        }

        var text = capture.Text;
        Assert.DoesNotContain("123456789012", text, StringComparison.Ordinal);
        Assert.DoesNotContain("55021720314821", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7391", text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", text, StringComparison.Ordinal);
    }
}
