using System.Security.Cryptography;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc;

/// <summary>
/// Who started which tap, what they asked for, and each finished result for a short retention window, so that
/// <c>tap.getResult</c> works after a reconnect. Personal fields are released only to the starting principal and only
/// those it asked for. Bounded by count and age. Thread-safe.
/// </summary>
internal sealed class TapRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _taps = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private readonly int _capacity;

    public TapRegistry(TimeProvider time, TimeSpan retention, int capacity)
    {
        _time = time;
        _retention = retention;
        _capacity = capacity;
    }

    public static string NewTapId() => "tap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public void Register(string tapId, string principal, IReadOnlyList<string> fields)
    {
        lock (_gate)
        {
            Prune();
            _taps[tapId] = new Entry(principal, fields.ToHashSet(StringComparer.Ordinal));
        }
    }

    public void Forget(string tapId)
    {
        lock (_gate)
        {
            _taps.Remove(tapId);
        }
    }

    /// <summary>The principal that started <paramref name="tapId"/>, or null.</summary>
    public string? OwnerOf(string tapId)
    {
        lock (_gate)
        {
            return _taps.TryGetValue(tapId, out var e) ? e.Principal : null;
        }
    }

    /// <summary>Who started <paramref name="tapId"/>, the personal fields they asked for, and whether it has finished; null when unknown or expired.</summary>
    public (string Principal, IReadOnlySet<string> Fields, bool Finished)? Describe(string tapId)
    {
        lock (_gate)
        {
            Prune();
            return _taps.TryGetValue(tapId, out var e) ? (e.Principal, e.Fields.ToHashSet(StringComparer.Ordinal), e.Result is not null) : null;
        }
    }

    /// <summary>Records a result; returns the entry's requested fields for routing, or null for a tap started elsewhere.</summary>
    public void OnResult(TapResultEvent result)
    {
        TaskCompletionSource? done;
        lock (_gate)
        {
            if (!_taps.TryGetValue(result.TapId, out var entry))
            {
                return;
            }

            entry.Result = result.Result with { Fields = result.Result.Fields?.Restrict(entry.Fields) };
            entry.CompletedAt = _time.GetUtcNow();
            done = entry.Done;
        }

        done.TrySetResult();
    }

    /// <summary>The copy of a result meant for <paramref name="principal"/>: personal fields only for the starter.</summary>
    public TapResult ForViewer(string tapId, TapResult result, string principal)
    {
        lock (_gate)
        {
            if (_taps.TryGetValue(tapId, out var entry) && entry.Principal == principal)
            {
                return result with { Fields = result.Fields?.Restrict(entry.Fields) };
            }
        }

        return result.Fields is null ? result : result with { Fields = null };
    }

    /// <summary>State and (when done) the result as <paramref name="principal"/> may see it; null when unknown or expired.</summary>
    public async ValueTask<TapResultReply?> GetAsync(string tapId, string principal, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task waitFor;
        lock (_gate)
        {
            Prune();
            if (!_taps.TryGetValue(tapId, out var entry))
            {
                return null;
            }

            if (entry.Result is not null || wait <= TimeSpan.Zero)
            {
                return Reply(tapId, entry, principal);
            }

            waitFor = entry.Done.Task;
        }

        try
        {
            await waitFor.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        lock (_gate)
        {
            return _taps.TryGetValue(tapId, out var entry) ? Reply(tapId, entry, principal) : null;
        }
    }

    private static TapResultReply Reply(string tapId, Entry entry, string principal)
    {
        if (entry.Result is null)
        {
            return new TapResultReply(tapId, TapStates.Running, null);
        }

        var result = entry.Principal == principal ? entry.Result : entry.Result with { Fields = null };
        return new TapResultReply(tapId, TapStates.Done, result);
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, entry) in _taps.ToArray())
        {
            if (entry.CompletedAt is { } at && now - at > _retention)
            {
                _taps.Remove(id);
            }
        }

        var finished = _taps.Where(p => p.Value.CompletedAt is not null).OrderBy(p => p.Value.CompletedAt).ToList();
        for (var i = 0; i < finished.Count - _capacity; i++)
        {
            _taps.Remove(finished[i].Key);
        }
    }

    private sealed class Entry(string principal, HashSet<string> fields)
    {
        public string Principal { get; } = principal;

        public HashSet<string> Fields { get; } = fields;

        public TapResult? Result { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
