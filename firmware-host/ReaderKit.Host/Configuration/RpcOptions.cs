namespace ReaderKit.Host.Configuration;

/// <summary>
/// The <c>Rpc</c> section: how integrators reach the reader (<c>sdk/PROTOCOL.md</c>) — a Unix socket for software on
/// the Pi, TLS 1.3 with the device certificate and client tokens for the LAN, and the optional folder exchange.
/// </summary>
public sealed class RpcOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rpc";

    /// <summary>The personal-field names a caller may ask for (<c>options.fields</c>).</summary>
    public static readonly IReadOnlyList<string> FieldNames = ["name", "address", "birthDate", "sex", "expiryDate", "photo", "liveFrame"];

    /// <summary>False to run the host without any RPC listener (a standalone kiosk with its own keypad).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Unix socket path; empty for none. Its directory must exist.</summary>
    public string UnixSocket { get; set; } = "/run/readerkit/rpc.sock";

    /// <summary>The socket file's mode in octal (who may connect): default <c>0660</c>, owner and group.</summary>
    public string UnixSocketMode { get; set; } = "0660";

    /// <summary>Require a client token on the Unix socket too (always required on TLS).</summary>
    public bool RequireTokenOnUnixSocket { get; set; }

    /// <summary>The TLS 1.3 listener's port (1–65535; 0 picks a free port, for tests), or null for no network listener.</summary>
    public int? TlsPort { get; set; }

    /// <summary>The address the TLS listener binds (default all IPv4 interfaces).</summary>
    public string TlsAddress { get; set; } = "0.0.0.0";

    /// <summary>Where the device certificate (<c>device.pfx</c>) and client tokens (<c>clients.json</c>) live; the same directory <c>readerkit pair --state-dir</c> writes.</summary>
    public string StateDirectory { get; set; } = "/var/lib/readerkit";

    /// <summary>Personal fields this host releases to the RPC caller that started a tap and asked for them. Empty (default) releases none: a request for a field not listed is refused with <c>InvalidInput</c>.</summary>
    public IList<string> ReleaseFields { get; } = [];

    /// <summary>The folder exchange (off unless both folders are set).</summary>
    public FolderExchangeSettings FolderExchange { get; set; } = new();

    /// <summary>The socket mode as a Unix file mode, or null when <see cref="UnixSocketMode"/> is not an octal mode.</summary>
    public UnixFileMode? ParsedSocketMode()
    {
        if (string.IsNullOrEmpty(UnixSocketMode) || UnixSocketMode.Length > 4 || !UnixSocketMode.All(c => c is >= '0' and <= '7'))
        {
            return null;
        }

        var value = 0;
        foreach (var c in UnixSocketMode)
        {
            value = (value * 8) + (c - '0');
        }

        return (UnixFileMode)value;
    }
}
