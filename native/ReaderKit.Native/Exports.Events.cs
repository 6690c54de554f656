using System.Runtime.InteropServices;
using ReaderKit.Protocol.Events;

namespace ReaderKit.Native;

/// <summary>Subscriptions, the blocking wait, the callback, and event fields.</summary>
internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(EntryPoint = "readerkit_subscribe")]
    public static int ReaderKitSubscribe(nint client, byte* topics)
    {
        try
        {
            var native = HandleTable.Get<NativeClient>(client, "client");
            var list = Utf8.ReadRequired(topics, "topics").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0)
            {
                throw new ArgumentException("topics names no topic.", nameof(topics));
            }

            native.EnsureUsable();
            Wait(native.Client.SubscribeAsync(list));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_wait_event")]
    public static int ReaderKitWaitEvent(nint client, int timeoutMs, nint* readerEvent)
    {
        try
        {
            CheckOut(readerEvent, "event");
            *readerEvent = 0;
            var native = HandleTable.Get<NativeClient>(client, "client");
            var next = Wait(native.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs)));
            if (next is null)
            {
                return NativeError.Set(Contracts.ErrorCode.WaitTimedOut, "No event within " + timeoutMs + " ms.");
            }

            *readerEvent = HandleTable.Add(new NativeEvent(next, borrowed: false));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_set_event_callback")]
    public static int ReaderKitSetEventCallback(nint client, nint callback, nint userData)
    {
        try
        {
            HandleTable.Get<NativeClient>(client, "client").SetCallback(callback, userData);
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    /// <summary>The <c>RK_EVENT_*</c> type, or a negative error code.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_event_type")]
    public static int ReaderKitEventType(nint readerEvent)
    {
        try
        {
            var type = HandleTable.Get<NativeEvent>(readerEvent, "event").Type;
            NativeError.Ok();
            return type;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    /// <summary>The event's per-connection sequence number (0 for gap signals), or a negative error code.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_event_seq")]
    public static long ReaderKitEventSeq(nint readerEvent)
    {
        try
        {
            var seq = HandleTable.Get<NativeEvent>(readerEvent, "event").Value.Seq;
            NativeError.Ok();
            return seq;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_event_get_string")]
    public static int ReaderKitEventGetString(nint readerEvent, byte* key, byte** value)
    {
        try
        {
            CheckOut(value, "value");
            *value = null;
            var native = HandleTable.Get<NativeEvent>(readerEvent, "event");
            if (native.Get(Utf8.ReadRequired(key, "key")) is { } text)
            {
                *value = Utf8.Alloc(text);
            }

            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_event_result")]
    public static int ReaderKitEventResult(nint readerEvent, nint* result)
    {
        try
        {
            CheckOut(result, "result");
            *result = 0;
            var native = HandleTable.Get<NativeEvent>(readerEvent, "event");
            if (native.Value is not TapResultEvent tapResult)
            {
                throw new ArgumentException("Only a tap.result event carries a result.", nameof(readerEvent));
            }

            *result = HandleTable.Add(new NativeResult(tapResult.Result));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_event_free")]
    public static int ReaderKitEventFree(nint readerEvent)
    {
        try
        {
            if (HandleTable.Get<NativeEvent>(readerEvent, "event").Borrowed)
            {
                throw new ArgumentException("The event passed to a callback belongs to the library; do not free it.", nameof(readerEvent));
            }

            HandleTable.Remove<NativeEvent>(readerEvent, "event");
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }
}
