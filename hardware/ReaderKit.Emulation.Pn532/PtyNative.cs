using System.Runtime.InteropServices;
using System.Text;

namespace ReaderKit.Emulation.Pn532;

/// <summary>libc calls for a Linux pseudo-terminal (posix_openpt/grantpt/unlockpt/ptsname_r, raw termios, poll).</summary>
internal static unsafe partial class PtyNative
{
    public const int ORdWr = 0x2;
    public const int ONoCtty = 0x100;
    public const short PollIn = 0x1;
    private const int TcsaNow = 0;

    // glibc's struct termios is 60 bytes; a larger opaque buffer keeps this independent of the layout.
    private const int TermiosBufferSize = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int actions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte* termios);

    public static string PtsName(int fd)
    {
        byte* buffer = stackalloc byte[128];
        if (PtsNameR(fd, buffer, 128) != 0)
        {
            throw new IOException($"ptsname_r failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        int length = 0;
        while (length < 128 && buffer[length] != 0)
        {
            length++;
        }

        return Encoding.UTF8.GetString(buffer, length);
    }

    public static void MakeRaw(int fd)
    {
        byte* termios = stackalloc byte[TermiosBufferSize];
        new Span<byte>(termios, TermiosBufferSize).Clear();
        if (TcGetAttr(fd, termios) != 0)
        {
            throw new IOException($"tcgetattr failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        CfMakeRaw(termios);
        if (TcSetAttr(fd, TcsaNow, termios) != 0)
        {
            throw new IOException($"tcsetattr failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}
