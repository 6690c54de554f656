using System.Runtime.InteropServices;

namespace ReaderKit.Pcsc;

/// <summary>
/// The few pcsc-lite entry points ReaderKit calls, bound with source-generated <see cref="LibraryImportAttribute"/> (no runtime
/// marshalling stubs, so trimming and NativeAOT stay warning-free). pcsc-lite on Linux declares LONG/DWORD and the handles
/// as C <c>long</c>/<c>unsigned long</c>: pointer-sized on both 64-bit (x86-64, arm64) and 32-bit (armhf) Linux, hence
/// <see cref="nint"/>/<see cref="nuint"/>. (macOS's PC/SC framework uses 32-bit DWORDs: not supported here.)
/// </summary>
internal static unsafe partial class PcscNative
{
    public const string Library = "libpcsclite.so.1";

    public const nuint ScopeSystem = 2;
    public const nuint ShareExclusive = 1;
    public const nuint ShareShared = 2;
    public const nuint ProtocolT1 = 2;
    public const nuint Infinite = 0xFFFFFFFF;

    public const nuint StateUnaware = 0x0000;
    public const nuint StateIgnore = 0x0001;
    public const nuint StateChanged = 0x0002;
    public const nuint StateUnknown = 0x0004;
    public const nuint StateUnavailable = 0x0008;
    public const nuint StateEmpty = 0x0010;
    public const nuint StatePresent = 0x0020;
    public const nuint StateExclusive = 0x0080;
    public const nuint StateInUse = 0x0100;
    public const nuint StateMute = 0x0200;

    /// <summary>pcsc-lite's MAX_ATR_SIZE.</summary>
    public const int MaxAtrSize = 33;

    /// <summary>pcsc-lite's MAX_BUFFER_SIZE_EXTENDED: the largest R-APDU one SCardTransmit returns.</summary>
    public const int MaxResponse = 4 + 3 + 65536 + 3 + 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }

    /// <summary>SCARD_READERSTATE as pcsc-lite lays it out (reader name as a native UTF-8 pointer).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ReaderState
    {
        public nint Reader;
        public nint UserData;
        public nuint CurrentState;
        public nuint EventState;
        public nuint AtrLength;
        public fixed byte Atr[MaxAtrSize];
    }

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, nint groups, byte* readers, ref nuint readersLength);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SCardConnect(nint context, string reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardReconnect(nint card, nuint shareMode, nuint preferredProtocols, nuint initialization, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, IoRequest* sendPci, byte* send, nuint sendLength, IoRequest* receivePci, byte* receive, ref nuint receiveLength);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint card, byte* readerName, ref nuint readerNameLength, out nuint state, out nuint protocol, byte* atr, ref nuint atrLength);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint context, nuint timeout, ReaderState* readerStates, nuint readerCount);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint context);

    /// <summary>A PC/SC return value as the 32-bit code pcsc-lite documents (e.g. 0x8010000C).</summary>
    public static uint Code(nint result) => unchecked((uint)(long)result);
}
