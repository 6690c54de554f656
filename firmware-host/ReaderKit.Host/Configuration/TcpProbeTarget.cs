using System.Globalization;

namespace ReaderKit.Host.Configuration;

/// <summary>A <c>host:port</c> (or <c>[v6]:port</c>) target for the TCP reachability probe.</summary>
public sealed record TcpProbeTarget(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>; false on anything else (no default port, no default host).</summary>
    public static bool TryParse(string? text, out TcpProbeTarget target)
    {
        target = new TcpProbeTarget("", 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || host.Contains(':', StringComparison.Ordinal) && !text.StartsWith('['))
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        target = new TcpProbeTarget(host, port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
