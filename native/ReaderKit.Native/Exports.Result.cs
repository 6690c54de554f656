using System.Runtime.InteropServices;

namespace ReaderKit.Native;

/// <summary>Tap results: verdict, error code, text fields and the chip photo.</summary>
internal static unsafe partial class Exports
{
    /// <summary>The <c>RK_VERDICT_*</c> number (the shared <c>VerdictKind</c>), or a negative error code.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_result_verdict")]
    public static int ReaderKitResultVerdict(nint result)
    {
        try
        {
            var verdict = (int)HandleTable.Get<NativeResult>(result, "result").Value.Verdict;
            NativeError.Ok();
            return verdict;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    /// <summary>The result's own error as a C code (0 when accepted); a bad handle gives <c>RK_E_INVALID_HANDLE</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_result_error_code")]
    public static int ReaderKitResultErrorCode(nint result)
    {
        try
        {
            var code = HandleTable.Get<NativeResult>(result, "result").ErrorCode;
            NativeError.Ok();
            return code;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_result_get_string")]
    public static int ReaderKitResultGetString(nint result, byte* key, byte** value)
    {
        try
        {
            CheckOut(value, "value");
            *value = null;
            var native = HandleTable.Get<NativeResult>(result, "result");
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

    [UnmanagedCallersOnly(EntryPoint = "readerkit_result_get_image")]
    public static int ReaderKitResultGetImage(nint result, byte* key, byte** data, nuint* length)
    {
        try
        {
            CheckOut(data, "data");
            CheckOut(length, "length");
            *data = null;
            *length = 0;
            var native = HandleTable.Get<NativeResult>(result, "result");
            var name = Utf8.ReadRequired(key, "key");
            if (native.HasImage(name))
            {
                var image = native.GetImage(name);
                *data = Utf8.AllocBuffer(image);
                *length = (nuint)image.Length;
            }

            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_result_free")]
    public static int ReaderKitResultFree(nint result)
    {
        try
        {
            HandleTable.Remove<NativeResult>(result, "result").Dispose();
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }
}
