using System.Net;
using ReaderKit.Protocol;

namespace ReaderKit.Rpc;

/// <summary>Listeners and limits of the RPC server. Defaults suit a Pi serving a handful of kiosk and pharmacy clients.</summary>
public sealed class RpcServerOptions
{
    /// <summary>The Unix socket path (e.g. <c>/run/readerkit/rpc.sock</c>); null = no Unix listener.</summary>
    public string? UnixSocketPath { get; set; }

    /// <summary>Permissions of the socket file: they decide who may connect (default owner and group read/write).</summary>
    public UnixFileMode UnixSocketMode { get; set; } = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>Require a client token on the Unix socket too (always required on TLS).</summary>
    public bool RequireTokenOnUnixSocket { get; set; }

    /// <summary>TCP endpoint of the TLS 1.3 listener (port 0 = any free port); null = no network listener.</summary>
    public IPEndPoint? TlsEndPoint { get; set; }

    /// <summary>The <c>server</c> string in the hello reply.</summary>
    public string ServerName { get; set; } = "ReaderKit.Host/1.0";

    /// <summary>Largest inbound message; a larger (or longer incomplete) one closes that connection.</summary>
    public int MaxMessageBytes { get; set; } = ProtocolLimits.DefaultMaxMessageBytes;

    /// <summary>Deepest container nesting; deeper closes that connection.</summary>
    public int MaxDepth { get; set; } = ProtocolLimits.DefaultMaxDepth;

    /// <summary>Requests one connection may have outstanding (only long-polls and slow calls stay outstanding); beyond it the server stops reading that connection.</summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>Notifications queued per connection; when full, new ones are dropped for that connection (its <c>seq</c> jumps).</summary>
    public int NotificationQueueLength { get; set; } = 256;

    /// <summary>Sustained requests per second per connection (token bucket); 0 = unlimited.</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Burst size of the token bucket.</summary>
    public int RequestBurst { get; set; } = 400;

    /// <summary>Requests refused with <c>RateLimited</c> within one second after which the connection is closed.</summary>
    public int RateLimitCloseThreshold { get; set; } = 1000;

    /// <summary>Connect (and TLS handshake) to successful hello; then the connection is closed.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A single write that takes longer closes the connection.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection whose notification queue overflows and that has not accepted a write for this long is closed.</summary>
    public TimeSpan SlowClientTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections at once (both listeners); more are closed on accept.</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>Lease lifetime when the caller does not ask for one.</summary>
    public TimeSpan LeaseDefaultTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest lease lifetime a caller may ask for.</summary>
    public TimeSpan LeaseMaxTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When the holder's last connection closes, its lease ends after at most this long unless it reconnects and renews.</summary>
    public TimeSpan LeaseReconnectGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a finished tap's result stays available to <c>tap.getResult</c> (it may hold personal fields).</summary>
    public TimeSpan TapResultRetention { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Finished results kept at most (oldest dropped first).</summary>
    public int TapResultCapacity { get; set; } = 16;

    /// <summary>Largest <c>waitMs</c> of <c>tap.getResult</c>.</summary>
    public int MaxResultWaitMs { get; set; } = 30_000;

    /// <summary>Throws when a value is out of range (one message per bad setting).</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (UnixSocketPath is null && TlsEndPoint is null) problems.Add("no listener: set UnixSocketPath and/or TlsEndPoint");
        if (MaxMessageBytes is < 1024 or > 16 * 1024 * 1024) problems.Add("MaxMessageBytes must be 1 KiB to 16 MiB");
        if (MaxDepth is < 4 or > 256) problems.Add("MaxDepth must be 4 to 256");
        if (MaxInFlight is < 1 or > 1024) problems.Add("MaxInFlight must be 1 to 1024");
        if (NotificationQueueLength is < 1 or > 65536) problems.Add("NotificationQueueLength must be 1 to 65536");
        if (RequestsPerSecond < 0) problems.Add("RequestsPerSecond must be 0 (unlimited) or more");
        if (RequestsPerSecond > 0 && RequestBurst < 1) problems.Add("RequestBurst must be at least 1");
        if (HelloTimeout <= TimeSpan.Zero) problems.Add("HelloTimeout must be positive");
        if (WriteTimeout <= TimeSpan.Zero) problems.Add("WriteTimeout must be positive");
        if (MaxConnections < 1) problems.Add("MaxConnections must be at least 1");
        if (LeaseDefaultTtl <= TimeSpan.Zero || LeaseMaxTtl < LeaseDefaultTtl) problems.Add("LeaseDefaultTtl must be positive and at most LeaseMaxTtl");
        if (TapResultCapacity < 1) problems.Add("TapResultCapacity must be at least 1");
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid RPC server options: " + string.Join("; ", problems) + ".");
        }
    }
}
