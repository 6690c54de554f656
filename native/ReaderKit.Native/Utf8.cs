using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ReaderKit.Native;

/// <summary>UTF-8 strings and byte buffers handed to C: allocated with <c>malloc</c>, zeroed before <c>free</c>.</summary>
internal static unsafe class Utf8
{
    /// <summary>Longest string accepted from C (paths, tokens, topic lists).</summary>
    private const int MaxInput = 64 * 1024;

    /// <summary>A NUL-terminated copy of <paramref name="value"/> that C frees with <c>readerkit_string_free</c>.</summary>
    public static byte* Alloc(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var memory = (byte*)NativeMemory.Alloc((nuint)length + 1);
        var span = new Span<byte>(memory, length + 1);
        Encoding.UTF8.GetBytes(value, span);
        span[length] = 0;
        return memory;
    }

    /// <summary>A NUL-terminated copy of <paramref name="bytes"/> (already UTF-8).</summary>
    public static byte* Alloc(ReadOnlySpan<byte> bytes)
    {
        var memory = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        var span = new Span<byte>(memory, bytes.Length + 1);
        bytes.CopyTo(span);
        span[bytes.Length] = 0;
        return memory;
    }

    /// <summary>A <c>malloc</c>ed copy of <paramref name="bytes"/> that C frees with <c>readerkit_buffer_free</c>.</summary>
    public static byte* AllocBuffer(ReadOnlySpan<byte> bytes)
    {
        var memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(bytes.Length, 1));
        bytes.CopyTo(new Span<byte>(memory, bytes.Length));
        return memory;
    }

    /// <summary>Zeroes and frees a string from <see cref="Alloc(string)"/> (null is ignored).</summary>
    public static void Free(byte* value)
    {
        if (value is null)
        {
            return;
        }

        var length = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value).Length;
        CryptographicOperations.ZeroMemory(new Span<byte>(value, length));
        NativeMemory.Free(value);
    }

    /// <summary>Zeroes and frees a buffer from <see cref="AllocBuffer"/> (null is ignored).</summary>
    public static void FreeBuffer(byte* value, nuint length)
    {
        if (value is null)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(new Span<byte>(value, checked((int)length)));
        NativeMemory.Free(value);
    }

    /// <summary>Reads a NUL-terminated UTF-8 argument; null stays null.</summary>
    /// <exception cref="ArgumentException">Longer than 64 KiB or not valid UTF-8.</exception>
    public static string? Read(byte* value, string name)
    {
        if (value is null)
        {
            return null;
        }

        var span = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value);
        if (span.Length > MaxInput)
        {
            throw new ArgumentException(name + " is longer than 64 KiB.", name);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException(name + " is not valid UTF-8.", name, e);
        }
    }

    /// <summary>Reads a required NUL-terminated UTF-8 argument.</summary>
    public static string ReadRequired(byte* value, string name) =>
        Read(value, name) is { Length: > 0 } text ? text : throw new ArgumentException(name + " is required.", name);

    /// <summary>Copies <paramref name="value"/> into a fixed C array of <paramref name="capacity"/> bytes, truncated at a character boundary, NUL-terminated.</summary>
    public static void CopyTo(string? value, byte* destination, int capacity)
    {
        var span = new Span<byte>(destination, capacity);
        span.Clear();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var length = Math.Min(bytes.Length, capacity - 1);
        while (length > 0 && length < bytes.Length && (bytes[length] & 0xC0) == 0x80)
        {
            length--; // do not cut a multi-byte character
        }

        bytes.AsSpan(0, length).CopyTo(span);
    }
}
