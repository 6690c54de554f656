using System.Collections.Concurrent;

namespace ReaderKit.Native;

/// <summary>
/// Maps the opaque pointers handed to C to the managed objects behind them. A handle is a number that looks like a
/// pointer but is never dereferenced: a null, freed, forged or wrong-kind handle is looked up, not followed, so it fails
/// with <c>RK_E_INVALID_HANDLE</c> instead of corrupting memory. Numbers are never reused within a process.
/// </summary>
internal static class HandleTable
{
    private static readonly ConcurrentDictionary<nint, object> Objects = new();
    private static long _next = 0x7100_0000;

    /// <summary>Registers <paramref name="value"/> and returns its new handle.</summary>
    public static nint Add(object value)
    {
        var handle = (nint)Interlocked.Add(ref _next, 16);
        Objects[handle] = value;
        return handle;
    }

    /// <summary>The object of kind <typeparamref name="T"/> behind <paramref name="handle"/>.</summary>
    /// <exception cref="InvalidHandleException">Null, unknown, freed or of another kind.</exception>
    public static T Get<T>(nint handle, string kind)
        where T : class =>
        handle != 0 && Objects.TryGetValue(handle, out var value) && value is T typed
            ? typed
            : throw new InvalidHandleException(kind);

    /// <summary>The object of kind <typeparamref name="T"/> behind <paramref name="handle"/>, or null.</summary>
    public static T? TryGet<T>(nint handle)
        where T : class =>
        Objects.TryGetValue(handle, out var value) ? value as T : null;

    /// <summary>Removes and returns the object behind <paramref name="handle"/> (the handle is dead from now on).</summary>
    /// <exception cref="InvalidHandleException">Null, unknown, freed or of another kind.</exception>
    public static T Remove<T>(nint handle, string kind)
        where T : class
    {
        if (handle != 0 && Objects.TryGetValue(handle, out var value) && value is T typed && Objects.TryRemove(new KeyValuePair<nint, object>(handle, value)))
        {
            return typed;
        }

        throw new InvalidHandleException(kind);
    }

    /// <summary>Forgets a handle if it is still registered (used when its owner goes away).</summary>
    public static void Forget(nint handle) => Objects.TryRemove(handle, out _);
}
