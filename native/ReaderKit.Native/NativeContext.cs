namespace ReaderKit.Native;

/// <summary>
/// <c>readerkit_context</c>: settings shared by the clients made from it (client name, timeouts, reconnect) and the
/// list of those clients, which <c>readerkit_context_free</c> disconnects.
/// </summary>
internal sealed class NativeContext
{
    private readonly Lock _gate = new();
    private readonly HashSet<nint> _clients = [];

    public NativeContext(string clientName) => ClientName = clientName;

    public string ClientName { get; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool AutoReconnect { get; set; } = true;

    public TimeSpan ReconnectWait { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsFreed { get; private set; }

    public void Track(nint client)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsFreed, this);
            _clients.Add(client);
        }
    }

    public void Untrack(nint client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    /// <summary>The clients connected through this context now.</summary>
    public nint[] Clients()
    {
        lock (_gate)
        {
            return [.. _clients];
        }
    }

    /// <summary>Marks the context freed and returns the clients still connected through it.</summary>
    public nint[] Close()
    {
        lock (_gate)
        {
            IsFreed = true;
            var clients = _clients.ToArray();
            _clients.Clear();
            return clients;
        }
    }
}
