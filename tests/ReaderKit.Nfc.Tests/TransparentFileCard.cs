using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

/// <summary>
/// A minimal ISO 14443-4 Type B card with transparent EFs: SELECT by FID (P1 02) and READ BINARY (short and extended
/// Le, 15-bit offsets), and a fake "sign" (80 2A) that takes a second. Enough to exercise the driver end to end.
/// </summary>
internal sealed class TransparentFileCard : ITypeBCard
{
    private readonly Dictionary<ushort, byte[]> _files;
    private byte[]? _selected;

    /// <param name="files">The EFs by FID.</param>
    /// <param name="fwiNibble">ATQB ProtInfo byte 3 high nibble (FWI).</param>
    /// <param name="frameSizeAndProtocol">ATQB ProtInfo byte 2: Max_Frame_Size code (high nibble) and protocol type (0x01 = ISO 14443-4).</param>
    public TransparentFileCard(Dictionary<ushort, byte[]> files, byte fwiNibble = 0xA0, byte frameSizeAndProtocol = 0x81)
    {
        _files = files;
        Atqb = [0x50, 0xA1, 0xB2, 0xC3, 0xD4, 0x00, 0x00, 0x00, 0x00, 0xB3, frameSizeAndProtocol, (byte)(fwiNibble | 0x01)];
    }

    /// <summary>True after S(DESELECT), InRelease or a field reset, until the next SELECT.</summary>
    public bool WasDeselected { get; private set; }

    public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 31) ^ (i >> 8))).ToArray();

    public byte[] Atqb { get; }

    public byte[] AttribResponse { get; } = [0x01];

    public int ApdusProcessed { get; private set; }

    public TimeSpan ReadTime { get; init; } = TimeSpan.FromMilliseconds(8);

    public TimeSpan SignTime { get; init; } = TimeSpan.FromSeconds(1);

    public byte[] ProcessApdu(ReadOnlySpan<byte> c)
    {
        ApdusProcessed++;
        if (c.Length < 4)
        {
            return [0x67, 0x00];
        }

        switch (c[1])
        {
            case 0xA4 when c.Length >= 7 && c[2] == 0x02:
                var fid = (ushort)((c[5] << 8) | c[6]);
                if (!_files.TryGetValue(fid, out var file))
                {
                    return [0x6A, 0x82];
                }

                _selected = file;
                WasDeselected = false;
                return [0x90, 0x00];
            case 0xB0:
                if (_selected is null)
                {
                    return [0x69, 0x86];
                }

                var offset = ((c[2] & 0x7F) << 8) | c[3];
                var le = c.Length switch
                {
                    5 => c[4] == 0 ? 256 : c[4],
                    7 when c[4] == 0 => ((c[5] << 8) | c[6]) is var e && e == 0 ? 65536 : (c[5] << 8) | c[6],
                    _ => -1,
                };
                if (le < 0)
                {
                    return [0x67, 0x00];
                }

                if (offset > _selected.Length)
                {
                    return [0x6B, 0x00];
                }

                var n = Math.Min(le, _selected.Length - offset);
                return [.. _selected.AsSpan(offset, n), .. (n < le ? new byte[] { 0x62, 0x82 } : [0x90, 0x00])];
            case 0x2A when c[0] == 0x80:
                return [.. Pattern(256), 0x90, 0x00];
            case 0xE0 when c[0] == 0x80 && c.Length >= 5 && c[4] > 0 && c.Length >= 5 + c[4]:
                // Echo: the command data back (long commands and answers in one APDU).
                return [.. c.Slice(5, c[4]), .. c.Slice(5, c[4]), 0x90, 0x00];
            default:
                return [0x6D, 0x00];
        }
    }

    public TimeSpan ProcessingTime(ReadOnlySpan<byte> c) => c.Length > 1 && c[1] == 0x2A ? SignTime : ReadTime;

    public void Deselect()
    {
        _selected = null;
        WasDeselected = true;
    }

    public void FieldOff()
    {
        _selected = null;
        WasDeselected = true;
    }
}
