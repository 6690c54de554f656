using System.Globalization;

namespace ReaderKit.Protocol;

/// <summary>
/// A ReaderKit RPC protocol version, written <c>readerkit/MAJOR.MINOR</c> on the wire. The minor is negotiated down
/// within a major (additive changes only); a different major is refused with <c>UnsupportedProtocol</c>.
/// </summary>
public readonly record struct ProtocolVersion(int Major, int Minor)
{
    /// <summary>The prefix of every protocol string.</summary>
    public const string Prefix = "readerkit/";

    /// <summary>The version this library speaks: <c>readerkit/1.0</c>.</summary>
    public static ProtocolVersion Current { get; } = new(1, 0);

    /// <summary>Parses <c>readerkit/1.0</c> (a bare <c>readerkit/1</c> means minor 0).</summary>
    public static bool TryParse(string? text, out ProtocolVersion version)
    {
        version = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > 32)
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        var majorText = dot < 0 ? rest : rest[..dot];
        var minorText = dot < 0 ? "0".AsSpan() : rest[(dot + 1)..];
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(minorText, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ProtocolVersion(major, minor);
        return true;
    }

    /// <summary>
    /// The version a server speaking <paramref name="server"/> answers a client asking for <paramref name="requested"/>:
    /// the lower minor of the same major, or null when the majors differ.
    /// </summary>
    public static ProtocolVersion? Negotiate(ProtocolVersion server, ProtocolVersion requested) =>
        server.Major != requested.Major ? null : new ProtocolVersion(server.Major, Math.Min(server.Minor, requested.Minor));

    /// <summary>The wire form, e.g. <c>readerkit/1.0</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Major}.{Minor}");
}
