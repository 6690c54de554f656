using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>
/// A small ISO 7816-4 card for emulator tests: SELECT by DF name (P1 04) or EF id (P1 02), READ BINARY with offset
/// and short Le (00 = 256), plus an ECHO command (80 EE: answers its data + a requested number of filler bytes).
/// </summary>
internal sealed class TestTypeBCard : ITypeBCard
{
    private readonly Dictionary<string, Dictionary<ushort, byte[]>> _applications;
    private Dictionary<ushort, byte[]>? _currentAp;
    private byte[]? _currentEf;

    public TestTypeBCard(byte[]? pupi = null, byte afi = 0x00, byte protInfo2 = 0x81, byte protInfo3 = 0xA1)
    {
        pupi ??= [0xA1, 0xB2, 0xC3, 0xD4];
        Atqb = [0x50, .. pupi, afi, 0x00, 0x00, 0x00, 0xB3, protInfo2, protInfo3];
        _applications = new Dictionary<string, Dictionary<ushort, byte[]>>(StringComparer.Ordinal)
        {
            ["D392F000260100000001"] = new() { [0x0001] = Pattern(600, 1), [0x0002] = Pattern(20_480, 2) },
            ["D3921000310001010408"] = new() { [0x0002] = Pattern(3000, 3) },
        };
    }

    public byte[] Atqb { get; }

    public byte[] AttribResponse { get; } = [0x00];

    public int Deselects { get; private set; }

    public int FieldOffs { get; private set; }

    public int ApdusProcessed { get; private set; }

    public List<byte[]> Received { get; } = [];

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(5);

    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 7) + (seed * 31) + (i >> 8));
        }

        return data;
    }

    public byte[] File(string aid, ushort ef) => _applications[aid][ef];

    public byte[] ProcessApdu(ReadOnlySpan<byte> c)
    {
        ApdusProcessed++;
        Received.Add(c.ToArray());
        if (c.Length < 4)
        {
            return [0x67, 0x00];
        }

        if (c[0] == 0x80 && c[1] == 0xEE)
        {
            int fill = (c[2] << 8) | c[3];
            int lc = c.Length > 5 ? c[4] : 0;
            return [.. c.Slice(5, lc), .. new byte[fill], 0x90, 0x00];
        }

        if (c[0] != 0x00)
        {
            return [0x6E, 0x00];
        }

        switch (c[1])
        {
            case 0xA4 when c.Length >= 5:
                {
                    var id = c.Slice(5, Math.Min(c[4], c.Length - 5));
                    if (c[2] == 0x04 && _applications.TryGetValue(Convert.ToHexString(id), out var ap))
                    {
                        _currentAp = ap;
                        _currentEf = null;
                        return [0x90, 0x00];
                    }

                    if (c[2] == 0x02 && id.Length == 2 && _currentAp is not null && _currentAp.TryGetValue((ushort)((id[0] << 8) | id[1]), out var ef))
                    {
                        _currentEf = ef;
                        return [0x90, 0x00];
                    }

                    return [0x6A, 0x82];
                }

            case 0xB0:
                {
                    if (_currentEf is null)
                    {
                        return [0x69, 0x86];
                    }

                    int offset = (c[2] << 8) | c[3];
                    int le = c.Length == 5 ? (c[4] == 0 ? 256 : c[4]) : 256;
                    if (offset > _currentEf.Length)
                    {
                        return [0x6B, 0x00];
                    }

                    int n = Math.Min(le, _currentEf.Length - offset);
                    return [.. _currentEf.AsSpan(offset, n), 0x90, 0x00];
                }

            default:
                return [0x6D, 0x00];
        }
    }

    public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => Delay;

    public void Deselect()
    {
        Deselects++;
        _currentAp = null;
        _currentEf = null;
    }

    public void FieldOff()
    {
        FieldOffs++;
        _currentAp = null;
        _currentEf = null;
    }
}
