using System.Security.Cryptography;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc;

/// <summary>
/// The reader lease: at most one caller at a time may hold the reader, and while it does no other caller can start a
/// tap. A lease belongs to a client principal (token name, or the local client's name on the Unix socket), not to a
/// connection, so a client that reconnects keeps it; it ends on release, on expiry, or at most
/// <c>reconnectGrace</c> after the holder's last connection closed. Taps may also start without a lease when nobody
/// holds one. Thread-safe.
/// </summary>
public sealed class ReaderLeaseManager
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultTtl;
    private readonly TimeSpan _maxTtl;
    private readonly TimeSpan _reconnectGrace;
    private Lease? _current;

    public ReaderLeaseManager(TimeProvider time, TimeSpan defaultTtl, TimeSpan maxTtl, TimeSpan reconnectGrace)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _defaultTtl = defaultTtl;
        _maxTtl = maxTtl;
        _reconnectGrace = reconnectGrace;
    }

    /// <summary>The holder's display name, or null when the reader is free.</summary>
    public string? HolderName
    {
        get
        {
            lock (_gate)
            {
                return Live()?.HolderName;
            }
        }
    }

    /// <summary>Takes the lease, or renews it when <paramref name="principal"/> already holds it.</summary>
    /// <exception cref="ReaderServiceException"><c>LeaseHeld</c> (data: <c>holder</c>, <c>expiresAtMs</c>) or <c>InvalidInput</c> for a bad TTL.</exception>
    public LeaseGrant Acquire(string principal, string holderName, TimeSpan? ttl, string? leaseId)
    {
        var lifetime = ttl ?? _defaultTtl;
        if (lifetime <= TimeSpan.Zero || lifetime > _maxTtl)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, $"ttlMs must be 1 to {(long)_maxTtl.TotalMilliseconds}.");
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var live = Live();
            if (live is not null && live.Principal != principal)
            {
                throw Held(live);
            }

            if (live is not null && leaseId is not null && live.Id != leaseId)
            {
                // Same principal, another lease id: the caller is confused about which lease it has; refuse loudly.
                throw Held(live);
            }

            var id = live?.Id ?? NewId();
            _current = new Lease(id, principal, holderName, now + lifetime, Detached: false);
            return Grant(_current);
        }
    }

    /// <summary>Gives the lease back; false when <paramref name="principal"/> does not hold <paramref name="leaseId"/>.</summary>
    public bool Release(string principal, string leaseId)
    {
        lock (_gate)
        {
            var live = Live();
            if (live is null || live.Principal != principal || live.Id != leaseId)
            {
                return false;
            }

            _current = null;
            return true;
        }
    }

    /// <summary>Throws <c>LeaseHeld</c> unless <paramref name="principal"/> may start a tap now (it holds the lease, or nobody does).</summary>
    public void EnsureMayStartTap(string principal)
    {
        lock (_gate)
        {
            var live = Live();
            if (live is not null && live.Principal != principal)
            {
                throw Held(live);
            }

            if (live is not null)
            {
                _current = live with { Detached = false };
            }
        }
    }

    /// <summary>The lease id <paramref name="principal"/> holds, or null.</summary>
    public string? LeaseOf(string principal)
    {
        lock (_gate)
        {
            var live = Live();
            return live is not null && live.Principal == principal ? live.Id : null;
        }
    }

    /// <summary>The holder's last connection closed: the lease now ends within the reconnect grace unless renewed.</summary>
    public void HolderDisconnected(string principal)
    {
        lock (_gate)
        {
            var live = Live();
            if (live is null || live.Principal != principal)
            {
                return;
            }

            var deadline = _time.GetUtcNow() + _reconnectGrace;
            _current = live with { ExpiresAt = live.ExpiresAt < deadline ? live.ExpiresAt : deadline, Detached = true };
        }
    }

    private Lease? Live()
    {
        if (_current is not null && _current.ExpiresAt <= _time.GetUtcNow())
        {
            _current = null;
        }

        return _current;
    }

    private static ReaderServiceException Held(Lease lease) =>
        new(ErrorCode.LeaseHeld, "Another client holds the reader lease.", new Dictionary<string, object?>
        {
            ["holder"] = lease.HolderName,
            ["expiresAtMs"] = lease.ExpiresAt.ToUnixTimeMilliseconds(),
        });

    private static LeaseGrant Grant(Lease lease) => new(lease.Id, lease.HolderName, lease.ExpiresAt.ToUnixTimeMilliseconds());

    private static string NewId() => "lease-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private sealed record Lease(string Id, string Principal, string HolderName, DateTimeOffset ExpiresAt, bool Detached);
}
