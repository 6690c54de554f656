using System.Runtime.InteropServices;
using System.Text;

namespace ReaderKit.Jpeg2000.Interop;

/// <summary>Read position over a pinned input buffer; lives on the caller's stack for the duration of one decode.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ReadState
{
    public byte* Data;
    public long Length;
    public long Position;
}

/// <summary>Growable output buffer for the encoder (JP2 writing seeks back to patch box lengths).</summary>
internal sealed class WriteBuffer
{
    private byte[] _data = new byte[16 * 1024];

    public long Length { get; private set; }

    public long Position { get; set; }

    public long MaxLength { get; init; } = 256L * 1024 * 1024;

    public bool Write(ReadOnlySpan<byte> bytes)
    {
        long end = Position + bytes.Length;
        if (end > MaxLength)
        {
            return false;
        }

        if (end > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(MaxLength, Math.Max(end, (long)_data.Length * 2)));
        }

        bytes.CopyTo(_data.AsSpan((int)Position));
        Position = end;
        Length = Math.Max(Length, end);
        return true;
    }

    public byte[] ToArray() => _data.AsSpan(0, (int)Length).ToArray();
}

/// <summary>Collects OpenJPEG error/warning messages for one codec (bounded so a hostile stream cannot flood memory).</summary>
internal sealed class MessageLog
{
    private const int MaxChars = 2048;
    private readonly StringBuilder _errors = new();

    public string Errors => _errors.ToString().Trim();

    public void AddError(string message)
    {
        if (_errors.Length < MaxChars)
        {
            _errors.Append(message.AsSpan(0, Math.Min(message.Length, MaxChars - _errors.Length))).Append(' ');
        }
    }
}

/// <summary>Unmanaged entry points handed to libopenjp2. None of them lets an exception escape into native code.</summary>
internal static unsafe class OpenJpegCallbacks
{
    private static readonly nuint ReadEof = unchecked((nuint)(-1));

    [UnmanagedCallersOnly]
    public static nuint Read(byte* buffer, nuint count, void* user)
    {
        var state = (ReadState*)user;
        long remaining = state->Length - state->Position;
        if (remaining <= 0)
        {
            return ReadEof;
        }

        long n = count > (nuint)int.MaxValue ? remaining : Math.Min(remaining, (long)count);
        Buffer.MemoryCopy(state->Data + state->Position, buffer, (long)count, n);
        state->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    public static long ReadSkip(long count, void* user)
    {
        var state = (ReadState*)user;
        long target = state->Position + count;
        if (count < 0 || target > state->Length)
        {
            // OpenJPEG treats a short skip as an error and then reports the stream as truncated.
            long skipped = state->Length - state->Position;
            state->Position = state->Length;
            return skipped > 0 ? skipped : -1;
        }

        state->Position = target;
        return count;
    }

    [UnmanagedCallersOnly]
    public static int ReadSeek(long offset, void* user)
    {
        var state = (ReadState*)user;
        if (offset < 0 || offset > state->Length)
        {
            return 0;
        }

        state->Position = offset;
        return 1;
    }

    [UnmanagedCallersOnly]
    public static nuint Write(byte* buffer, nuint count, void* user)
    {
        try
        {
            var target = (WriteBuffer)GCHandle.FromIntPtr((nint)user).Target!;
            if (count > int.MaxValue || !target.Write(new ReadOnlySpan<byte>(buffer, (int)count)))
            {
                return ReadEof;
            }

            return count;
        }
#pragma warning disable CA1031 // no exception may cross into native code; the encoder sees a failed write instead
        catch (Exception)
#pragma warning restore CA1031
        {
            return ReadEof;
        }
    }

    [UnmanagedCallersOnly]
    public static long WriteSkip(long count, void* user)
    {
        var target = (WriteBuffer)GCHandle.FromIntPtr((nint)user).Target!;
        long position = target.Position + count;
        if (count < 0 || position > target.MaxLength)
        {
            return -1;
        }

        target.Position = position;
        return count;
    }

    [UnmanagedCallersOnly]
    public static int WriteSeek(long offset, void* user)
    {
        var target = (WriteBuffer)GCHandle.FromIntPtr((nint)user).Target!;
        if (offset < 0 || offset > target.MaxLength)
        {
            return 0;
        }

        target.Position = offset;
        return 1;
    }

    [UnmanagedCallersOnly]
    public static void OnError(byte* message, void* user)
    {
        try
        {
            if (GCHandle.FromIntPtr((nint)user).Target is MessageLog log && message != null)
            {
                log.AddError(Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
            }
        }
#pragma warning disable CA1031 // no exception may cross into native code
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [UnmanagedCallersOnly]
    public static void Ignore(byte* message, void* user)
    {
    }
}
