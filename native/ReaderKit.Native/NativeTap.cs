using ReaderKit.Protocol.Messages;

namespace ReaderKit.Native;

/// <summary><c>readerkit_tap</c>: a started tap (its id, kept as a C string for <c>readerkit_tap_id</c>) and the client it runs on.</summary>
internal sealed class NativeTap : IDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(25);
    private readonly nint _idMemory;
    private bool _disposed;

    public NativeTap(NativeClient owner, string tapId)
    {
        Owner = owner;
        TapId = tapId;
        unsafe
        {
            _idMemory = (nint)Utf8.Alloc(tapId);
        }
    }

    public NativeClient Owner { get; }

    public string TapId { get; }

    /// <summary>The id as a C string, owned by this tap.</summary>
    public unsafe byte* IdUtf8 => _disposed ? null : (byte*)_idMemory;

    /// <summary>Long-polls <c>tap.getResult</c> until the result is there or <paramref name="timeout"/> passed (negative = no limit).</summary>
    /// <returns>The result, or null on timeout.</returns>
    public async Task<TapResult?> WaitAsync(TimeSpan timeout)
    {
        var deadline = timeout < TimeSpan.Zero ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            Owner.EnsureUsable();
            var left = deadline - DateTime.UtcNow;
            var wait = left < LongPoll ? left : LongPoll;
            var reply = await Owner.Client.GetTapResultAsync(TapId, wait < TimeSpan.Zero ? TimeSpan.Zero : wait).ConfigureAwait(false);
            if (reply.Result is { } result)
            {
                return result;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }
        }
    }

    public unsafe void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Utf8.Free((byte*)_idMemory);
        }
    }
}
