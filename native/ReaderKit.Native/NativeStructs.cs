using System.Runtime.InteropServices;

namespace ReaderKit.Native;

/// <summary>C <c>readerkit_status</c> (256 bytes, see readerkit.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeStatus
{
    public uint StructSize;
    public int CardPresent;
    public int ReaderOk;
    public int CameraOk;
    public fixed byte State[32];
    public fixed byte Mode[16];
    public fixed byte CurrentTapId[64];
    public fixed byte LeaseHolder[128];
}

/// <summary>C <c>readerkit_tap_options</c> (36 bytes, see readerkit.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeTapOptions
{
    public uint StructSize;
    public uint Fields;
    public int Face;
    public int RequireFace;
    public int Text;
    public int Jpki;
    public int StaffAssisted;
    public int TimeoutMs;
    public int WesternNotation;
}
