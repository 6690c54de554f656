using System.Runtime.InteropServices;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;

namespace ReaderKit.Native;

/// <summary>Contexts, connections and status.</summary>
internal static unsafe partial class Exports
{
    private const int OptionConnectTimeoutMs = 1;
    private const int OptionCallTimeoutMs = 2;
    private const int OptionAutoReconnect = 3;
    private const int OptionReconnectWaitMs = 4;

    [UnmanagedCallersOnly(EntryPoint = "readerkit_context_new")]
    public static int ReaderKitContextNew(byte* clientName, nint* context)
    {
        try
        {
            CheckOut(context, "context");
            *context = 0;
            var name = Utf8.Read(clientName, "client_name") ?? "libreaderkit";
            if (name.Length is 0 or > 64)
            {
                throw new ArgumentException("client_name must be 1 to 64 characters.", nameof(clientName));
            }

            *context = HandleTable.Add(new NativeContext(name));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_context_set_option")]
    public static int ReaderKitContextSetOption(nint context, int option, long value)
    {
        try
        {
            var ctx = HandleTable.Get<NativeContext>(context, "context");
            switch (option)
            {
                case OptionConnectTimeoutMs when value is > 0 and <= 600_000:
                    ctx.ConnectTimeout = TimeSpan.FromMilliseconds(value);
                    break;
                case OptionCallTimeoutMs when value is > 0 and <= 600_000:
                    ctx.CallTimeout = TimeSpan.FromMilliseconds(value);
                    break;
                case OptionAutoReconnect when value is 0 or 1:
                    ctx.AutoReconnect = value == 1;
                    break;
                case OptionReconnectWaitMs when value is > 0 and <= 600_000:
                    ctx.ReconnectWait = TimeSpan.FromMilliseconds(value);
                    break;
                default:
                    throw new ArgumentException("Unknown option or value out of range.", nameof(option));
            }

            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_context_free")]
    public static int ReaderKitContextFree(nint context)
    {
        try
        {
            var ctx = HandleTable.Get<NativeContext>(context, "context");
            if (ctx.Clients().Any(c => HandleTable.TryGet<NativeClient>(c) is { IsInOwnCallback: true }))
            {
                throw new ArgumentException("A context cannot be freed from inside the event callback of one of its clients.", nameof(context));
            }

            ctx = HandleTable.Remove<NativeContext>(context, "context");
            foreach (var client in ctx.Close())
            {
                try
                {
                    Wait(HandleTable.Remove<NativeClient>(client, "client").DisposeAsync().AsTask());
                }
                catch (InvalidHandleException)
                {
                    // Freed concurrently by another thread.
                }
            }

            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_connect_unix")]
    public static int ReaderKitConnectUnix(nint context, byte* socketPath, byte* token, nint* client)
    {
        try
        {
            CheckOut(client, "client");
            *client = 0;
            var ctx = HandleTable.Get<NativeContext>(context, "context");
            var endpoint = ReaderKitEndpoint.Unix(Utf8.ReadRequired(socketPath, "socket_path"));
            *client = Connect(ctx, endpoint, Utf8.Read(token, "token"));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e, connecting: true);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_connect_tls")]
    public static int ReaderKitConnectTls(nint context, byte* host, int port, byte* fingerprint, byte* token, nint* client)
    {
        try
        {
            CheckOut(client, "client");
            *client = 0;
            var ctx = HandleTable.Get<NativeContext>(context, "context");
            var endpoint = ReaderKitEndpoint.Tls(Utf8.ReadRequired(host, "host"), port, Utf8.ReadRequired(fingerprint, "sha256_fingerprint"));
            *client = Connect(ctx, endpoint, Utf8.ReadRequired(token, "token"));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e, connecting: true);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_disconnect")]
    public static int ReaderKitDisconnect(nint client)
    {
        try
        {
            if (HandleTable.Get<NativeClient>(client, "client").IsInOwnCallback)
            {
                throw new ArgumentException("A client cannot be disconnected from inside its own event callback.", nameof(client));
            }

            var native = HandleTable.Remove<NativeClient>(client, "client");
            native.Context.Untrack(client);
            Wait(native.DisposeAsync().AsTask());
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    /// <summary>1 when connected, 0 when not (reconnecting or lost), or a negative error code.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_is_connected")]
    public static int ReaderKitIsConnected(nint client)
    {
        try
        {
            var connected = HandleTable.Get<NativeClient>(client, "client").Client.IsConnected;
            NativeError.Ok();
            return connected ? 1 : 0;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_get_status")]
    public static int ReaderKitGetStatus(nint client, NativeStatus* status)
    {
        try
        {
            CheckOut(status, "status");
            if (status->StructSize < (uint)sizeof(NativeStatus))
            {
                throw new ArgumentException("status->struct_size must be sizeof(readerkit_status).", nameof(status));
            }

            var native = HandleTable.Get<NativeClient>(client, "client");
            native.EnsureUsable();
            var snapshot = Wait(native.Client.GetStatusAsync());
            Fill(status, snapshot);
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    private static void Fill(NativeStatus* status, ReaderStatus snapshot)
    {
        status->CardPresent = snapshot.CardPresent ? 1 : 0;
        status->ReaderOk = snapshot.ReaderOk ? 1 : 0;
        status->CameraOk = snapshot.CameraOk is { } camera ? (camera ? 1 : 0) : -1;
        Utf8.CopyTo(snapshot.State, status->State, 32);
        Utf8.CopyTo(snapshot.Mode, status->Mode, 16);
        Utf8.CopyTo(snapshot.CurrentTapId, status->CurrentTapId, 64);
        Utf8.CopyTo(snapshot.LeaseHolder, status->LeaseHolder, 128);
    }

    private static nint Connect(NativeContext ctx, ReaderKitEndpoint endpoint, string? token)
    {
        var options = new ReaderKitClientOptions
        {
            Endpoint = endpoint,
            Token = token,
            ClientName = ctx.ClientName,
            ClientVersion = AbiVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConnectTimeout = ctx.ConnectTimeout,
            CallTimeout = ctx.CallTimeout,
            AutoReconnect = ctx.AutoReconnect,
            ReconnectWait = ctx.ReconnectWait,
        };
        var client = Wait(ReaderKitClient.ConnectAsync(options));
        var native = new NativeClient(ctx, client, ctx.AutoReconnect);
        var handle = HandleTable.Add(native);
        native.Handle = handle;
        try
        {
            ctx.Track(handle);
        }
        catch
        {
            HandleTable.Forget(handle);
            Wait(native.DisposeAsync().AsTask());
            throw;
        }

        return handle;
    }
}
