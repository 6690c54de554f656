namespace ReaderKit.Apdu;

/// <summary>
/// An ISO/IEC 7816-4 command APDU. <see cref="Ne"/> is the expected response length:
/// <c>null</c> means no Le field, 1..256 fits a short Le (256 is encoded as 00),
/// 257..65536 needs extended length (65536 is encoded as 0000).
/// </summary>
public sealed class CommandApdu
{
    public const int MaxShortNe = 256;
    public const int MaxExtendedNe = 65536;

    public CommandApdu(byte cla, byte ins, byte p1, byte p2, ReadOnlyMemory<byte> data = default, int? ne = null)
    {
        if (data.Length > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "Command data is limited to 65535 bytes.");
        }

        if (ne is < 1 or > MaxExtendedNe)
        {
            throw new ArgumentOutOfRangeException(nameof(ne), ne, "Ne must be 1..65536 or null.");
        }

        Cla = cla;
        Ins = ins;
        P1 = p1;
        P2 = p2;
        Data = data;
        Ne = ne;
    }

    public byte Cla { get; }

    public byte Ins { get; }

    public byte P1 { get; }

    public byte P2 { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public int? Ne { get; }

    /// <summary>True when Lc or Le needs the extended (3-byte / 2-byte) form.</summary>
    public bool IsExtended => Data.Length > 255 || Ne > MaxShortNe;

    /// <summary>
    /// True when this command must reach the card at most once per intent (VERIFY, CHANGE REFERENCE DATA, signing,
    /// authentication, writes; see <see cref="ApduInstructions.MustNotRepeat"/>): no 6Cxx resend.
    /// </summary>
    public bool MustNotRepeat => ApduInstructions.MustNotRepeat(Ins);

    /// <summary>True when the command data may be a secret (<see cref="ApduInstructions.CarriesSecret"/>).</summary>
    public bool CarriesSecret => ApduInstructions.CarriesSecret(Ins);

    /// <summary>A copy of this command with another expected length (used for 6Cxx resends).</summary>
    public CommandApdu WithNe(int? ne) => new(Cla, Ins, P1, P2, Data, ne);

    /// <summary>Encodes the command in ISO 7816-4 cases 1–4, short or extended.</summary>
    public byte[] ToArray()
    {
        var extended = IsExtended;
        var length = 4;
        if (!Data.IsEmpty)
        {
            length += (extended ? 3 : 1) + Data.Length;
        }

        if (Ne is { } ne)
        {
            length += extended ? (Data.IsEmpty ? 3 : 2) : 1;
        }

        var buffer = new byte[length];
        buffer[0] = Cla;
        buffer[1] = Ins;
        buffer[2] = P1;
        buffer[3] = P2;
        var i = 4;
        if (!Data.IsEmpty)
        {
            if (extended)
            {
                buffer[i++] = 0;
                buffer[i++] = (byte)(Data.Length >> 8);
            }

            buffer[i++] = (byte)Data.Length;
            Data.Span.CopyTo(buffer.AsSpan(i));
            i += Data.Length;
        }

        if (Ne is { } le)
        {
            if (extended)
            {
                if (Data.IsEmpty)
                {
                    buffer[i++] = 0;
                }

                var v = le == MaxExtendedNe ? 0 : le;
                buffer[i++] = (byte)(v >> 8);
                buffer[i] = (byte)v;
            }
            else
            {
                buffer[i] = (byte)(le == MaxShortNe ? 0 : le);
            }
        }

        return buffer;
    }

    /// <summary>Parses an encoded command APDU (cases 1, 2S/E, 3S/E, 4S/E).</summary>
    /// <exception cref="MalformedApduException">The bytes are not a well-formed command APDU.</exception>
    public static CommandApdu Parse(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length < 4)
        {
            throw new MalformedApduException($"A command APDU needs at least 4 bytes, got {apdu.Length}.");
        }

        byte cla = apdu[0], ins = apdu[1], p1 = apdu[2], p2 = apdu[3];
        var body = apdu[4..];
        if (body.IsEmpty)
        {
            return new CommandApdu(cla, ins, p1, p2);
        }

        if (body.Length == 1)
        {
            return new CommandApdu(cla, ins, p1, p2, ne: body[0] == 0 ? 256 : body[0]);
        }

        if (body[0] != 0)
        {
            // Short form: Lc data [Le]
            int lc = body[0];
            if (body.Length == 1 + lc)
            {
                return new CommandApdu(cla, ins, p1, p2, body.Slice(1, lc).ToArray());
            }

            if (body.Length == 2 + lc)
            {
                var le = body[1 + lc];
                return new CommandApdu(cla, ins, p1, p2, body.Slice(1, lc).ToArray(), le == 0 ? 256 : le);
            }

            throw new MalformedApduException($"Short Lc {lc} does not match the {body.Length - 1} bytes that follow it.");
        }

        // Extended form: 00 then either Le(2) or Lc(2) data [Le(2)]
        if (body.Length == 3)
        {
            var le = (body[1] << 8) | body[2];
            return new CommandApdu(cla, ins, p1, p2, ne: le == 0 ? 65536 : le);
        }

        if (body.Length < 3)
        {
            throw new MalformedApduException("Truncated extended-length field.");
        }

        var elc = (body[1] << 8) | body[2];
        if (elc == 0)
        {
            throw new MalformedApduException("Extended Lc of zero.");
        }

        if (body.Length == 3 + elc)
        {
            return new CommandApdu(cla, ins, p1, p2, body.Slice(3, elc).ToArray());
        }

        if (body.Length == 5 + elc)
        {
            var le = (body[3 + elc] << 8) | body[4 + elc];
            return new CommandApdu(cla, ins, p1, p2, body.Slice(3, elc).ToArray(), le == 0 ? 65536 : le);
        }

        throw new MalformedApduException($"Extended Lc {elc} does not match the {body.Length - 3} bytes that follow it.");
    }

    /// <summary>
    /// The expected response length (Ne) of an encoded command APDU, read from its length fields only: the command
    /// data is neither copied nor looked at (it may be a secret).
    /// </summary>
    /// <returns>False when the bytes are not a well-formed command APDU.</returns>
    public static bool TryReadNe(ReadOnlySpan<byte> apdu, out int? ne)
    {
        ne = null;
        if (apdu.Length < 4)
        {
            return false;
        }

        var body = apdu[4..];
        if (body.IsEmpty)
        {
            return true;
        }

        if (body.Length == 1)
        {
            ne = body[0] == 0 ? MaxShortNe : body[0];
            return true;
        }

        if (body[0] != 0)
        {
            int lc = body[0];
            if (body.Length == 1 + lc)
            {
                return true;
            }

            if (body.Length == 2 + lc)
            {
                ne = body[1 + lc] == 0 ? MaxShortNe : body[1 + lc];
                return true;
            }

            return false;
        }

        if (body.Length == 3)
        {
            var le = (body[1] << 8) | body[2];
            ne = le == 0 ? MaxExtendedNe : le;
            return true;
        }

        if (body.Length < 3)
        {
            return false;
        }

        var elc = (body[1] << 8) | body[2];
        if (elc == 0)
        {
            return false;
        }

        if (body.Length == 3 + elc)
        {
            return true;
        }

        if (body.Length == 5 + elc)
        {
            var le = (body[3 + elc] << 8) | body[4 + elc];
            ne = le == 0 ? MaxExtendedNe : le;
            return true;
        }

        return false;
    }

    /// <summary>Hex of the header only: command data may hold secrets and is never rendered.</summary>
    public override string ToString() => $"{Cla:X2} {Ins:X2} {P1:X2} {P2:X2} (Lc={Data.Length}, Ne={Ne?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})";
}
