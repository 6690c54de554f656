namespace ReaderKit.Apdu;

/// <summary>ISO/IEC 7816-4 status word (SW1 SW2) that ends every response APDU.</summary>
public readonly record struct StatusWord(byte Sw1, byte Sw2)
{
    public static readonly StatusWord Success = new(0x90, 0x00);

    public ushort Value => (ushort)((Sw1 << 8) | Sw2);

    public bool IsSuccess => Sw1 == 0x90 && Sw2 == 0x00;

    /// <summary>61xx: xx more bytes are available with GET RESPONSE (00 = 256).</summary>
    public bool HasMoreData => Sw1 == 0x61;

    /// <summary>6Cxx: wrong Le; resend with Le = xx (00 = 256).</summary>
    public bool IsWrongLength => Sw1 == 0x6C;

    /// <summary>63Cx: verification failed or queried; x tries remain (0 = blocked).</summary>
    public bool IsRetryCounter => Sw1 == 0x63 && (Sw2 & 0xF0) == 0xC0;

    public int RetryCount => IsRetryCounter ? Sw2 & 0x0F : throw new InvalidOperationException($"{this} carries no retry counter.");

    public static StatusWord FromUInt16(ushort value) => new((byte)(value >> 8), (byte)value);

    public override string ToString() => $"{Sw1:X2}{Sw2:X2}";
}
