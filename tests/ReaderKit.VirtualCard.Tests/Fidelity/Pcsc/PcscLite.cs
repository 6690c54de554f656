using System.Runtime.InteropServices;

namespace ReaderKit.VirtualCard.Tests.Fidelity.Pcsc;

/// <summary>
/// A thin, test-only P/Invoke to pcsc-lite's <c>libpcsclite.so.1</c> (the production PC/SC link is not this). pcsc-lite on
/// Linux uses C <c>long</c>/<c>unsigned long</c> for LONG/DWORD and the handles: pointer-sized, so <see cref="nint"/> /
/// <see cref="nuint"/>.
/// </summary>
internal static partial class PcscLite
{
    public const nuint ScopeSystem = 2;
    public const nuint ShareShared = 2;
    public const nuint ProtocolT1 = 2;
    public const nuint LeaveCard = 0;
    public const nuint ResetCard = 1;

    /// <summary>pcsc-lite's MAX_BUFFER_SIZE_EXTENDED: the largest R-APDU a transmit can return.</summary>
    public const int MaxResponse = 4 + 3 + 65536 + 3 + 2;

    private const string Library = "libpcsclite.so.1";

    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, nint groups, [Out] byte[]? readers, ref nuint readersLength);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SCardConnect(nint context, string reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardReconnect(nint card, nuint shareMode, nuint preferredProtocols, nuint initialization, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, in IoRequest sendPci, byte[] send, nuint sendLength, nint receivePci, [Out] byte[] receive, ref nuint receiveLength);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint card, [Out] byte[]? readerName, ref nuint readerNameLength, out nuint state, out nuint protocol, [Out] byte[] atr, ref nuint atrLength);

    /// <summary>libc <c>setenv</c>: libpcsclite reads <c>PCSCLITE_CSOCK_NAME</c> from the native environment, which .NET's own does not update.</summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>A PC/SC return code as the 32-bit value pcsc-lite documents (e.g. 8010000C).</summary>
    public static uint Code(nint result) => unchecked((uint)(long)result);

    public static void Check(nint result, string call)
    {
        if (Code(result) != 0)
        {
            throw new InvalidOperationException($"{call} failed: 0x{Code(result):X8}");
        }
    }
}
