using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>How <see cref="ReaderKitClient"/> connects and behaves.</summary>
public sealed class ReaderKitClientOptions
{
    /// <summary>Where the host listens.</summary>
    public required ReaderKitEndpoint Endpoint { get; init; }

    /// <summary>The client token from <c>readerkit pair</c>; required for TLS, optional on the Unix socket.</summary>
    public string? Token { get; init; }

    /// <summary>This application's name (shown as the lease holder and in the host log).</summary>
    public string ClientName { get; init; } = "ReaderKit.Sdk";

    /// <summary>This application's version.</summary>
    public string ClientVersion { get; init; } = typeof(ReaderKitClientOptions).Assembly.GetName().Version?.ToString() ?? "1.0.0";

    /// <summary>Reconnect automatically (re-hello, re-attach the lease, re-subscribe, signal a gap).</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>Timeout of one connection attempt (connect, TLS handshake and hello).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off delay between reconnect attempts (doubles up to <see cref="ReconnectMaxDelay"/>).</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest back-off delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a call waits for the connection to come back before failing.</summary>
    public TimeSpan ReconnectWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one call (a long-poll adds its own wait on top).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest inbound message (results may carry the chip photo).</summary>
    public int MaxMessageBytes { get; init; } = ProtocolLimits.DefaultClientMaxMessageBytes;

    /// <summary>Events buffered per <c>ReadEventsAsync</c> reader before it overflows (and sees a gap).</summary>
    public int EventBufferLength { get; init; } = 1024;

    /// <summary>Clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
