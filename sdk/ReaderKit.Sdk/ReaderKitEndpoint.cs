using System.Globalization;
using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>
/// Where the host listens: a Unix socket (<c>unix:/run/readerkit/rpc.sock</c>; Linux, and Windows 10 1803+), or TLS 1.3
/// over TCP with the device certificate pinned by its SHA-256 fingerprint
/// (<c>tls://192.0.2.10:7420#sha256=&lt;64 hex&gt;</c>).
/// </summary>
public sealed record ReaderKitEndpoint
{
    private ReaderKitEndpoint()
    {
    }

    /// <summary>The Unix socket path, or null for TLS.</summary>
    public string? UnixSocketPath { get; private init; }

    /// <summary>The TLS host name or address, or null for a Unix socket.</summary>
    public string? Host { get; private init; }

    /// <summary>The TLS port.</summary>
    public int Port { get; private init; }

    /// <summary>The pinned certificate fingerprint (32 bytes), for TLS.</summary>
    public IReadOnlyList<byte> PinnedFingerprint { get; private init; } = [];

    /// <summary>True for a Unix socket.</summary>
    public bool IsUnixSocket => UnixSocketPath is not null;

    /// <summary>A Unix-socket endpoint.</summary>
    public static ReaderKitEndpoint Unix(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ReaderKitEndpoint { UnixSocketPath = path };
    }

    /// <summary>A TLS endpoint pinned to <paramref name="fingerprint"/> (as printed by <c>readerkit pair</c>).</summary>
    public static ReaderKitEndpoint Tls(string host, int port, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (!CertificateFingerprint.TryParse(fingerprint, out var pin))
        {
            throw new ArgumentException("The fingerprint must be 64 hex digits (SHA-256 of the device certificate).", nameof(fingerprint));
        }

        return new ReaderKitEndpoint { Host = host, Port = port, PinnedFingerprint = pin };
    }

    /// <summary>Parses <c>unix:PATH</c> or <c>tls://HOST:PORT#sha256=FINGERPRINT</c>.</summary>
    public static ReaderKitEndpoint Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            return Unix(text["unix:".Length..]);
        }

        if (text.StartsWith("tls://", StringComparison.Ordinal))
        {
            var rest = text["tls://".Length..];
            var hash = rest.IndexOf("#sha256=", StringComparison.Ordinal);
            if (hash < 0)
            {
                throw new FormatException("A tls:// endpoint needs #sha256=<fingerprint>.");
            }

            var authority = rest[..hash];
            var colon = authority.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new FormatException("A tls:// endpoint needs host:port.");
            }

            return Tls(authority[..colon].Trim('[', ']'), port, rest[(hash + "#sha256=".Length)..]);
        }

        throw new FormatException("An endpoint starts with unix: or tls://.");
    }

    /// <summary>The text form accepted by <see cref="Parse"/>.</summary>
    public override string ToString() =>
        IsUnixSocket ? "unix:" + UnixSocketPath : string.Create(CultureInfo.InvariantCulture, $"tls://{Host}:{Port}#sha256={CertificateFingerprint.Format([.. PinnedFingerprint])}");
}
