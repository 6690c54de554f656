using System.Security.Cryptography;
using Org.BouncyCastle.Security;
using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard;

/// <summary>
/// A virtual My Number Card: an ISO 7816-4 / JICSAP APDU processor over a personalised <see cref="CardImage"/>
/// holding the JPKI, text, surface, 住基 and common APs. Security state is volatile (cleared on DF change, deselect
/// and field off); retry counters are persistent for the life of the object, like the chip's EEPROM.
/// Thread-safe; never throws on bad input (answers with a status word).
/// </summary>
public sealed class VirtualMyNumberCard : ITypeBCard
{
    private static readonly byte[] AppData = [0x00, 0x00, 0x05, 0xE0];
    private static readonly byte[] ProtocolInfo = [0xB3, 0x81, 0xA1];

    private readonly Lock gate = new();
    private readonly Dictionary<(ApplicationKind, ushort), int> tries = [];
    private readonly Dictionary<(ApplicationKind, ushort), byte[]> changedSecrets = [];
    private readonly HashSet<ushort> verified = [];
    private readonly SecureRandom random = new();
    private CardApplication? currentDf;
    private CardFile? currentEf;
    private bool applicationSelectedSinceReset;
    private byte[] pendingResponse = [];

    /// <summary>A card holding <paramref name="image"/>.</summary>
    public VirtualMyNumberCard(CardImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        foreach (var app in image.Applications)
        {
            foreach (var key in app.Files.Values.OfType<KeyReferenceFile>())
            {
                tries[(app.Kind, key.Id)] = key.InitialTries;
            }
        }
    }

    /// <summary>Personalises a card for a persona from the test PKI (default seed unless given).</summary>
    public static VirtualMyNumberCard Create(Persona persona, IChipPhotoSource photos, TestPki? pki = null) =>
        new(new CardPersonalizer(pki ?? TestPki.Default, photos).Personalize(persona));

    /// <summary>The personalised contents.</summary>
    public CardImage Image { get; }

    /// <summary>The persona this card was made for.</summary>
    public Persona Persona => Image.Persona;

    /// <inheritdoc/>
    public byte[] Atqb => [0x50, .. Image.Pupi, .. AppData, .. ProtocolInfo];

    /// <inheritdoc/>
    public byte[] AttribResponse => [0x00];

    /// <summary>
    /// The PC/SC contactless pseudo-ATR: <c>3B 88 80 01</c> + ATQB application data + protocol info + MBLI/CID + TCK
    /// (e.g. <c>3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F</c>).
    /// </summary>
    public byte[] PseudoAtr
    {
        get
        {
            byte[] atr = [0x3B, 0x88, 0x80, 0x01, .. AppData, .. ProtocolInfo, AttribResponse[0], 0x00];
            byte tck = 0;
            for (var i = 1; i < atr.Length - 1; i++)
            {
                tck ^= atr[i];
            }

            atr[^1] = tck;
            return atr;
        }
    }

    /// <summary>Tries left for a key reference (for tests and the simulator), or null if there is no such key.</summary>
    public int? RemainingTries(ApplicationKind application, ushort keyFileId)
    {
        lock (gate)
        {
            return tries.TryGetValue((application, keyFileId), out var n) ? n : null;
        }
    }

    /// <inheritdoc/>
    public void Deselect() => ResetVolatileState();

    /// <inheritdoc/>
    public void FieldOff() => ResetVolatileState();

    /// <inheritdoc/>
    public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu)
    {
        if (commandApdu.Length < 4)
        {
            return TimeSpan.FromMilliseconds(2);
        }

        return commandApdu[1] switch
        {
            0xA4 => TimeSpan.FromMilliseconds(6),
            0xB0 or 0xB2 or 0xC0 or 0xCA => TimeSpan.FromMilliseconds(5 + (10.0 * ShortLe(commandApdu) / 256)), // 5–15 ms by size
            0x20 => TimeSpan.FromMilliseconds(commandApdu.Length > 5 ? 25 : 8), // counter write in EEPROM when data is present
            0x84 => TimeSpan.FromMilliseconds(8),
            0x2A => Image.Persona.Algorithm == CardKeyAlgorithm.EcdsaP384 && !IsJpkiSelected()
                ? TimeSpan.FromMilliseconds(450)
                : TimeSpan.FromMilliseconds(900),
            _ => TimeSpan.FromMilliseconds(4),
        };
    }

    /// <inheritdoc/>
    public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu)
    {
        lock (gate)
        {
            CommandApdu? command = null;
            try
            {
                if (commandApdu.Length < 4)
                {
                    return Sw(StatusWords.WrongLength);
                }

                var cla = commandApdu[0];
                if (cla is not 0x00 and not 0x80)
                {
                    return Sw(StatusWords.ClassNotSupported);
                }

                try
                {
                    command = CommandApdu.Parse(commandApdu);
                }
                catch (MalformedApduException)
                {
                    return Sw(StatusWords.WrongLength);
                }

                var ins = command.Ins;
                if (ins != 0xC0)
                {
                    pendingResponse = [];
                }

                var expectedCla = ins is 0x2A or 0x32 ? (byte)0x80 : (byte)0x00;
                if (IsKnownInstruction(ins) && cla != expectedCla)
                {
                    return Sw(StatusWords.ClassNotSupported);
                }

                return ins switch
                {
                    0xA4 => Select(command),
                    0xB0 => ReadBinary(command),
                    0xB2 => ReadRecord(command),
                    0x20 => Verify(command),
                    0x84 => GetChallenge(command),
                    0xCA => GetData(command),
                    0xC0 => GetResponse(command),
                    0x2A => ComputeDigitalSignature(command),
                    0x24 => ChangeReferenceData(command, jicsapChangeKey: false),
                    0x32 => ChangeReferenceData(command, jicsapChangeKey: true),
                    0x88 => Sw(StatusWords.FunctionNotSupported),
                    _ => Sw(StatusWords.InstructionNotSupported),
                };
            }
#pragma warning disable CA1031 // A card never crashes: anything unexpected becomes 6F00.
            catch (Exception)
#pragma warning restore CA1031
            {
                return Sw(StatusWords.NoPreciseDiagnosis);
            }
            finally
            {
                if (command is not null && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(command.Data, out var segment) && segment.Array is not null)
                {
                    CryptographicOperations.ZeroMemory(segment.AsSpan());
                }
            }
        }
    }

    /// <summary>Expected length of a case-2 short APDU (00 = 256); 256 for anything else.</summary>
    private static int ShortLe(ReadOnlySpan<byte> apdu) => apdu.Length == 5 ? (apdu[4] == 0 ? 256 : apdu[4]) : 256;

    private static bool IsKnownInstruction(byte ins) => ins is 0xA4 or 0xB0 or 0xB2 or 0x20 or 0x84 or 0xCA or 0xC0 or 0x2A or 0x24 or 0x32 or 0x88;

    private static byte[] Sw(ushort sw) => [(byte)(sw >> 8), (byte)sw];

    private static byte[] Ok(ReadOnlySpan<byte> data) => [.. data, 0x90, 0x00];

    private bool IsJpkiSelected()
    {
        lock (gate)
        {
            return currentDf?.Kind == ApplicationKind.Jpki;
        }
    }

    private void ResetVolatileState()
    {
        lock (gate)
        {
            currentDf = null;
            currentEf = null;
            verified.Clear();
            applicationSelectedSinceReset = false;
            pendingResponse = [];
        }
    }

    private void EnterDf(CardApplication? df)
    {
        if (!ReferenceEquals(df, currentDf))
        {
            verified.Clear();
        }

        currentDf = df;
        currentEf = null;
    }

    private byte[] Select(CommandApdu command)
    {
        var data = command.Data.Span;
        switch (command.P1)
        {
            case 0x04:
                if (command.P2 is not (0x0C or 0x00))
                {
                    return Sw(StatusWords.IncorrectP1P2);
                }

                if (data.IsEmpty || data.Length > 16)
                {
                    return Sw(StatusWords.WrongLength);
                }

                if (data.SequenceEqual(MyNumberCardAids.IssuerSecurityDomain))
                {
                    EnterDf(null);
                    applicationSelectedSinceReset = false;
                    return Sw(StatusWords.Ok);
                }

                foreach (var app in Image.Applications)
                {
                    if (data.SequenceEqual(app.Aid))
                    {
                        EnterDf(app);
                        applicationSelectedSinceReset = true;
                        return Sw(StatusWords.Ok);
                    }
                }

                return Sw(StatusWords.FileNotFound);

            case 0x02:
                if (command.P2 is not (0x0C or 0x00))
                {
                    return Sw(StatusWords.IncorrectP1P2);
                }

                if (data.Length != 2)
                {
                    return Sw(StatusWords.WrongLength);
                }

                var fid = (ushort)((data[0] << 8) | data[1]);
                if (currentDf is null || !currentDf.Files.TryGetValue(fid, out var file))
                {
                    return Sw(StatusWords.FileNotFound);
                }

                currentEf = file;
                return Sw(StatusWords.Ok);

            case 0x00:
                // Observed on real cards: SELECT MF answers 6A86 after reset and 9000 (without changing the DF)
                // once an application was selected; selecting 3F00 by id answers 6A82.
                if (!data.IsEmpty)
                {
                    return Sw(StatusWords.FileNotFound);
                }

                return Sw(applicationSelectedSinceReset ? StatusWords.Ok : StatusWords.IncorrectP1P2);

            default:
                return Sw(StatusWords.IncorrectP1P2);
        }
    }

    private byte[] ReadBinary(CommandApdu command)
    {
        int offset;
        if ((command.P1 & 0x80) != 0)
        {
            var sfi = command.P1 & 0x1F;
            if ((command.P1 & 0x60) != 0 || sfi == 0)
            {
                return Sw(StatusWords.IncorrectP1P2);
            }

            var file = currentDf?.FileByShortId(sfi);
            if (file is null)
            {
                return Sw(StatusWords.FileNotFound);
            }

            currentEf = file;
            offset = command.P2;
        }
        else
        {
            offset = (command.P1 << 8) | command.P2;
        }

        if (currentEf is null)
        {
            return Sw(StatusWords.NoCurrentEf);
        }

        if (currentEf is not BinaryFile binary)
        {
            return Sw(StatusWords.IncompatibleFileStructure);
        }

        if (!command.Data.IsEmpty || command.Ne is not { } ne)
        {
            return Sw(StatusWords.WrongLength);
        }

        if (!binary.Read.IsSatisfiedBy(verified))
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (offset >= binary.Content.Length)
        {
            return Sw(StatusWords.WrongOffset);
        }

        var count = Math.Min(ne, binary.Content.Length - offset);
        return Ok(binary.Content.AsSpan(offset, count));
    }

    private byte[] ReadRecord(CommandApdu command)
    {
        if (command.P1 == 0 || (command.P2 & 0x07) != 0x04)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        var sfi = command.P2 >> 3;
        if (sfi != 0)
        {
            var file = currentDf?.FileByShortId(sfi);
            if (file is null)
            {
                return Sw(StatusWords.FileNotFound);
            }

            currentEf = file;
        }

        if (currentEf is null)
        {
            return Sw(StatusWords.NoCurrentEf);
        }

        if (currentEf is not RecordFile records)
        {
            return Sw(StatusWords.IncompatibleFileStructure);
        }

        if (!command.Data.IsEmpty)
        {
            return Sw(StatusWords.WrongLength);
        }

        if (!records.Read.IsSatisfiedBy(verified))
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (command.P1 > records.Records.Count)
        {
            return Sw(StatusWords.RecordNotFound);
        }

        var record = records.Records[command.P1 - 1];
        if (command.Ne is { } ne && ne < record.Length)
        {
            return Sw((ushort)(0x6C00 | record.Length));
        }

        return Ok(record);
    }

    private byte[] Verify(CommandApdu command)
    {
        if (command.P1 != 0x00)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (!TryResolveKey(command.P2, out var key, out var error))
        {
            return error;
        }

        if (key.Secret is null)
        {
            return Sw(StatusWords.AuthenticationBlocked); // key not set on this card (face-auth-only card)
        }

        var slot = (currentDf.Kind, key.Id);
        var secret = changedSecrets.TryGetValue(slot, out var changed) ? changed : key.Secret;
        var left = tries[slot];
        if (command.Data.IsEmpty)
        {
            return Sw((ushort)(StatusWords.RetryCounterBase | Math.Min(left, 15)));
        }

        if (left == 0)
        {
            return Sw(StatusWords.AuthenticationBlocked);
        }

        if (CryptographicOperations.FixedTimeEquals(command.Data.Span, secret))
        {
            tries[slot] = key.MaxTries;
            verified.Add(key.Id);
            return Sw(StatusWords.Ok);
        }

        left--;
        tries[slot] = left;
        verified.Remove(key.Id);
        return Sw((ushort)(StatusWords.RetryCounterBase | Math.Min(left, 15)));
    }

    /// <summary>
    /// The key a VERIFY or CHANGE addresses: P2 = 80 is the current EF, 81–9E names an EF of the current DF.
    /// On failure <paramref name="error"/> is the status word to answer.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(currentDf))]
    private bool TryResolveKey(
        byte p2,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KeyReferenceFile? key,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out byte[]? error)
    {
        key = null;
        if (p2 == 0x80)
        {
            key = currentEf as KeyReferenceFile;
        }
        else if (p2 is >= 0x81 and <= 0x9E)
        {
            key = currentDf is not null && currentDf.Files.TryGetValue((ushort)(p2 & 0x1F), out var f) ? f as KeyReferenceFile : null;
        }
        else
        {
            error = Sw(StatusWords.IncorrectP1P2);
            return false;
        }

        if (key is null || currentDf is null)
        {
            error = Sw(StatusWords.ReferencedDataNotFound);
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// CHANGE REFERENCE DATA <c>00 24 01 80 &lt;new&gt;</c> (JPKI and text AP PINs) and JICSAP CHANGE KEY
    /// <c>80 32 00 80 &lt;new&gt;</c> (住基 and common AP PINs), after a successful VERIFY of that key in this session.
    /// 照合番号 and birth-date keys cannot be changed (<c>6985</c>); a new value of the wrong form answers <c>6A80</c>.
    /// </summary>
    private byte[] ChangeReferenceData(CommandApdu command, bool jicsapChangeKey)
    {
        if (command.P1 != (jicsapChangeKey ? 0x00 : 0x01))
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (!TryResolveKey(command.P2, out var key, out var error))
        {
            return error;
        }

        var changeable = jicsapChangeKey
            ? key.Slot is CredentialSlot.JukiPin or CredentialSlot.CommonPin
            : key.Slot is CredentialSlot.TextPin or CredentialSlot.JpkiAuthPin or CredentialSlot.JpkiSignPassword;
        if (!changeable || key.Secret is null)
        {
            return Sw(StatusWords.ConditionsNotSatisfied);
        }

        if (!verified.Contains(key.Id))
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        var value = command.Data.Span;
        if (!IsValidNewSecret(key.Slot!.Value, value))
        {
            return Sw(StatusWords.IncorrectData);
        }

        var slot = (currentDf.Kind, key.Id);
        if (changedSecrets.TryGetValue(slot, out var old))
        {
            CryptographicOperations.ZeroMemory(old);
        }

        changedSecrets[slot] = value.ToArray();
        tries[slot] = key.MaxTries;
        return Sw(StatusWords.Ok);
    }

    private static bool IsValidNewSecret(CredentialSlot slot, ReadOnlySpan<byte> value)
    {
        if (slot == CredentialSlot.JpkiSignPassword)
        {
            var letters = 0;
            var digits = 0;
            foreach (var b in value)
            {
                if (b is >= (byte)'A' and <= (byte)'Z')
                {
                    letters++;
                }
                else if (b is >= (byte)'0' and <= (byte)'9')
                {
                    digits++;
                }
                else
                {
                    return false;
                }
            }

            return value.Length is >= 6 and <= 16 && letters > 0 && digits > 0;
        }

        if (value.Length != 4)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private byte[] GetChallenge(CommandApdu command)
    {
        if (command.P1 != 0 || command.P2 != 0)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (!command.Data.IsEmpty || command.Ne is not { } ne || ne > 256)
        {
            return Sw(StatusWords.WrongLength);
        }

        var challenge = new byte[ne];
        random.NextBytes(challenge);
        return Ok(challenge);
    }

    private byte[] GetData(CommandApdu command)
    {
        var tag = (ushort)((command.P1 << 8) | command.P2);
        if (tag == 0x5F51)
        {
            return Respond(Image.ContactAtrWithoutTs, command.Ne);
        }

        if (currentDf is not null || !Image.MfDataObjects.TryGetValue(tag, out var value))
        {
            return Sw(StatusWords.ReferencedDataNotFound);
        }

        return Respond(value, command.Ne);
    }

    private byte[] GetResponse(CommandApdu command)
    {
        if (pendingResponse.Length == 0)
        {
            return Sw(StatusWords.NoCurrentEf);
        }

        var rest = pendingResponse;
        pendingResponse = [];
        return Respond(rest, command.Ne);
    }

    /// <summary>Answers data that may exceed Ne: the first Ne bytes with 61xx, the rest through GET RESPONSE.</summary>
    private byte[] Respond(byte[] data, int? ne)
    {
        if (ne is null || ne >= data.Length)
        {
            return Ok(data);
        }

        pendingResponse = data[ne.Value..];
        var next = Math.Min(pendingResponse.Length, 256);
        return [.. data.AsSpan(0, ne.Value), 0x61, (byte)(next == 256 ? 0 : next)];
    }

    private byte[] ComputeDigitalSignature(CommandApdu command)
    {
        if (currentDf is null)
        {
            return Sw(StatusWords.ReferencedDataNotFound);
        }

        var data = command.Data.Span;
        if (currentDf.Kind == ApplicationKind.Jpki)
        {
            PrivateKeyFile? keyFile;
            if (command.P2 == 0x80)
            {
                keyFile = currentEf as PrivateKeyFile;
            }
            else if (command.P2 is >= 0x81 and <= 0x9E)
            {
                keyFile = currentDf.Files.TryGetValue((ushort)(command.P2 & 0x1F), out var f) ? f as PrivateKeyFile : null;
            }
            else
            {
                return Sw(StatusWords.IncorrectP1P2);
            }

            if (command.P1 > 0x05)
            {
                return Sw(StatusWords.IncorrectP1P2);
            }

            if (keyFile is null)
            {
                return Sw(StatusWords.ReferencedDataNotFound);
            }

            if (!keyFile.Use.IsSatisfiedBy(verified))
            {
                return Sw(StatusWords.SecurityStatusNotSatisfied);
            }

            return JpkiSign(keyFile.Key, command.P1, data);
        }

        if (currentDf.Kind is ApplicationKind.Surface or ApplicationKind.Text)
        {
            if (command.P1 != 0x00 || command.P2 != 0x00)
            {
                return Sw(StatusWords.IncorrectP1P2);
            }

            var key = currentDf.ChallengeKey;
            if (key is null)
            {
                return Sw(StatusWords.ReferencedDataNotFound);
            }

            if (!currentDf.ChallengeRule.IsSatisfiedBy(verified))
            {
                return Sw(StatusWords.SecurityStatusNotSatisfied);
            }

            if (key.Algorithm == CardKeyAlgorithm.Rsa2048)
            {
                return data.Length is >= 1 and <= 245 ? Ok(key.SignPkcs1Raw(data)) : Sw(StatusWords.WrongLength);
            }

            return data.Length == 48 ? Ok(key.SignEcdsaHash(data)) : Sw(StatusWords.WrongLength);
        }

        return Sw(StatusWords.ReferencedDataNotFound);
    }

    private byte[] JpkiSign(CardSigningKey key, byte scheme, ReadOnlySpan<byte> data)
    {
        switch (scheme)
        {
            case 0x00:
                return data.Length is >= 1 and <= 245 ? Ok(key.SignPkcs1Raw(data)) : Sw(StatusWords.WrongLength);
            case 0x01:
                return data.IsEmpty ? Sw(StatusWords.WrongLength) : Ok(key.SignPkcs1Raw(SHA256.HashData(data)));
            case 0x02:
                return data.Length == 32
                    ? Ok(key.SignPkcs1Raw([.. CardPersonalizer.Sha256DigestInfoPrefix, .. data]))
                    : Sw(StatusWords.WrongLength);
            case 0x03:
                return data.IsEmpty
                    ? Sw(StatusWords.WrongLength)
                    : Ok(key.SignPkcs1Raw([.. CardPersonalizer.Sha256DigestInfoPrefix, .. SHA256.HashData(data)]));
            case 0x04:
                return data.Length == 32 ? Ok(key.SignPssHash(data, random)) : Sw(StatusWords.WrongLength);
            default:
                return data.IsEmpty ? Sw(StatusWords.WrongLength) : Ok(key.SignPssHash(SHA256.HashData(data), random));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"VirtualMyNumberCard ({Persona.Name})";
}
