using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Reader;

namespace ReaderKit.Host.Tests;

public sealed class ReaderEventHubTests
{
    private static ReaderEvent Prompt(ReaderEventHub hub) => new()
    {
        Sequence = hub.NextSequence(),
        At = DateTimeOffset.UnixEpoch,
        Kind = ReaderEventKind.Prompt,
        State = ReaderState.Idle,
        Prompt = PromptKind.PlaceCard,
    };

    [Fact]
    public void A_listener_that_throws_is_logged_and_stops_neither_the_publisher_nor_the_others()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture));
        var hub = new ReaderEventHub(factory.CreateLogger<ReaderEventHub>());
        var seen = new List<long>();
        using var failing = hub.Listen(_ => throw new InvalidOperationException("the simulated card could not be made"));
        using var second = hub.Listen(e => seen.Add(e.Sequence));
        using var subscription = hub.Subscribe();

        hub.Publish(Prompt(hub));

        Assert.Equal([1L], seen);
        Assert.True(subscription.Reader.TryRead(out var queued));
        Assert.Equal(1, queued.Sequence);
        Assert.Contains("A reader event listener failed on Prompt event 1", capture.Text, StringComparison.Ordinal);
        Assert.Contains("the simulated card could not be made", capture.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hosts_hub_reports_to_the_hosts_logging()
    {
        var capture = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reader:DeviceId"] = "reader-1" }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(capture));
        ReaderHost.AddReaderHostServices(services, configuration, _ => null);
        using var provider = services.BuildServiceProvider();
        var hub = provider.GetRequiredService<ReaderEventHub>();
        using var failing = hub.Listen(_ => throw new InvalidOperationException("listener fault"));

        hub.Publish(Prompt(hub));

        Assert.Contains("listener fault", capture.Text, StringComparison.Ordinal);
    }
}
