using System.Runtime.InteropServices;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using ReaderKit.Contracts;

namespace ReaderKit.Native;

/// <summary>
/// The C ABI of libreaderkit (<c>native/include/readerkit.h</c>): versions, error strings and the thread-local last
/// error, string and buffer release. Every export catches everything: no managed exception ever reaches C.
/// </summary>
internal static unsafe partial class Exports
{
    /// <summary>The ABI version (<c>READERKIT_ABI_VERSION</c>); raised on any incompatible change of the header.</summary>
    public const int AbiVersion = 1;

    private static readonly Lock StringsGate = new();
    private static readonly Dictionary<int, nint> ErrorStrings = [];
    private static nint _version;

    [UnmanagedCallersOnly(EntryPoint = "readerkit_abi_version")]
    public static int ReaderKitAbiVersion() => AbiVersion;

    [UnmanagedCallersOnly(EntryPoint = "readerkit_version")]
    public static byte* ReaderKitVersion()
    {
        lock (StringsGate)
        {
            if (_version == 0)
            {
                var version = typeof(Exports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
                var plus = version.IndexOf('+', StringComparison.Ordinal);
                _version = (nint)Utf8.Alloc(plus < 0 ? version : version[..plus]);
            }

            return (byte*)_version;
        }
    }

    /// <summary>"Name: description" of a C error code (library-owned, never freed; unknown codes get "E&lt;n&gt;: Unknown error code.").</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_strerror")]
    public static byte* ReaderKitStrError(int code)
    {
        lock (StringsGate)
        {
            if (!ErrorStrings.TryGetValue(code, out var text))
            {
                var entry = NativeError.FromNative(code);
                var info = ErrorCodes.Info(entry);
                text = (nint)Utf8.Alloc(ErrorCodes.NameOf(entry) + ": " + info.Description);
                ErrorStrings[code] = text;
            }

            return (byte*)text;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_last_error_code")]
    public static int ReaderKitLastErrorCode() => NativeError.LastCode;

    /// <summary>Copies the calling thread's last error message into <paramref name="buffer"/> (truncated, NUL-terminated); returns its full length in bytes.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_last_error")]
    public static nuint ReaderKitLastError(byte* buffer, nuint capacity)
    {
        var message = NativeError.LastMessage;
        var bytes = Encoding.UTF8.GetBytes(message);
        if (buffer is not null && capacity > 0)
        {
            Utf8.CopyTo(message, buffer, (int)Math.Min(capacity, (nuint)int.MaxValue));
        }

        return (nuint)bytes.Length;
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_string_free")]
    public static void ReaderKitStringFree(byte* value) => Utf8.Free(value);

    [UnmanagedCallersOnly(EntryPoint = "readerkit_buffer_free")]
    public static void ReaderKitBufferFree(byte* buffer, nuint length) => Utf8.FreeBuffer(buffer, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static void CheckOut(void* output, string name)
    {
        if (output is null)
        {
            throw new ArgumentException(name + " must not be NULL.", name);
        }
    }
}
