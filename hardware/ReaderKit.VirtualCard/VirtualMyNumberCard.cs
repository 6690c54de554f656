using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard;

/// <summary>
/// A virtual My Number Card: an ISO 7816-4 / JICSAP APDU processor over a personalised <see cref="CardImage"/>
/// holding the JPKI, text, surface, 住基 and common APs, answering as published real cards do (the README's fidelity
/// table; the card model's differences come from <see cref="CardImage.Profile"/>). Security state and the text AP's
/// secure-messaging session are volatile (cleared on DF change, deselect and field off); retry counters are persistent for the
/// life of the object, like the chip's EEPROM. Thread-safe; never throws on bad input (answers with a status word).
/// </summary>
public sealed class VirtualMyNumberCard : ITypeBCard, ITypeACard
{
    private readonly Lock gate = new();
    private readonly Dictionary<(ApplicationKind, ushort), int> tries = [];
    private readonly Dictionary<(ApplicationKind, ushort), byte[]> changedSecrets = [];
    private readonly HashSet<ushort> verified = [];
    private readonly Dictionary<(ApplicationKind, ushort), int> executedValueVerifies = [];
    private readonly SecureRandom random = new();
    private CardApplication? currentDf;
    private CardFile? currentEf;
    private bool applicationSelectedSinceReset;
    private byte[] pendingResponse = [];
    private SecureMessagingSession? session;
    private byte[] typeAUid = [];

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

    /// <summary>Personalises a card for a persona from the test PKI (default seed unless given), as a card of the persona's profile.</summary>
    public static VirtualMyNumberCard Create(Persona persona, IChipPhotoSource photos, TestPki? pki = null) =>
        new(new CardPersonalizer(pki ?? TestPki.Default, photos).Personalize(persona));

    /// <summary>Personalises a card for a persona as a card of <paramref name="profile"/>.</summary>
    public static VirtualMyNumberCard Create(Persona persona, IChipPhotoSource photos, CardProfile profile, TestPki? pki = null) =>
        new(new CardPersonalizer(pki ?? TestPki.Default, photos).Personalize(persona, profile));

    /// <summary>The card model (ATR, extended length, challenge rule, …).</summary>
    public CardProfile Profile => Image.Profile;

    /// <summary>The personalised contents.</summary>
    public CardImage Image { get; }

    /// <summary>The persona this card was made for.</summary>
    public Persona Persona => Image.Persona;

    /// <inheritdoc/>
    /// <remarks>Empty for a phone (<see cref="CardProfile.IsPhone"/>): it does not answer Type B polling [U].</remarks>
    public byte[] Atqb => Profile.IsPhone ? [] : [0x50, .. Image.Pupi, .. Profile.Contactless.ApplicationData, .. Profile.Contactless.ProtocolInfo];

    /// <inheritdoc/>
    /// <remarks>Empty for a plastic card (Type B only): it does not answer Type A polling.</remarks>
    public byte[] Atqa => Profile.TypeA is { } a ? [.. a.Atqa] : [];

    /// <inheritdoc/>
    public byte Sak => Profile.TypeA?.Sak ?? 0x00;

    /// <inheritdoc/>
    /// <remarks>A phone's UID is random (<c>08</c> + 3 bytes), drawn again whenever the field goes off; empty for a plastic card.</remarks>
    public byte[] Uid
    {
        get
        {
            if (!Profile.IsPhone)
            {
                return [];
            }

            lock (gate)
            {
                if (typeAUid.Length == 0)
                {
                    typeAUid = [0x08, .. RandomNumberGenerator.GetBytes(3)];
                }

                return [.. typeAUid];
            }
        }
    }

    /// <inheritdoc/>
    public byte[] Ats => Profile.TypeA is { } a ? [.. a.Ats] : [];

    /// <inheritdoc/>
    public byte[] AttribResponse => [0x00];

    /// <summary>
    /// The PC/SC contactless pseudo-ATR: <c>3B 88 80 01</c> + ATQB application data + protocol info + MBLI/CID + TCK
    /// (e.g. <c>3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F</c>; the variants are <see cref="ContactlessIdentity.All"/>).
    /// </summary>
    /// <remarks>A phone answers the Type A form instead (<see cref="TypeAIdentity.PseudoAtr"/>, e.g. <c>3B 80 80 01 01</c>).</remarks>
    public byte[] PseudoAtr => Profile.TypeA is { } a ? a.PseudoAtr() : Profile.Contactless.PseudoAtr(AttribResponse[0]);

    /// <summary>Tries left for a key reference (for tests and the simulator), or null if there is no such key.</summary>
    public int? RemainingTries(ApplicationKind application, ushort keyFileId)
    {
        lock (gate)
        {
            return tries.TryGetValue((application, keyFileId), out var n) ? n : null;
        }
    }

    /// <summary>
    /// Raised for every VERIFY carrying a value that reached a key (whatever its outcome), after the counter was
    /// updated. Handlers run on the caller's thread while the card is locked: keep them short and never call back into
    /// the card.
    /// </summary>
    public event EventHandler<VerifyExecution>? VerifyExecuted;

    /// <summary>How many VERIFYs carrying a value reached this key since the card was made (empty VERIFYs excluded).</summary>
    public int ExecutedValueVerifies(ApplicationKind application, ushort keyFileId)
    {
        lock (gate)
        {
            return executedValueVerifies.TryGetValue((application, keyFileId), out var n) ? n : 0;
        }
    }

    /// <inheritdoc/>
    public void Deselect() => ResetVolatileState();

    /// <inheritdoc/>
    public void FieldOff()
    {
        ResetVolatileState();
        lock (gate)
        {
            typeAUid = [];
        }
    }

    /// <inheritdoc/>
    /// <remarks>Every figure is an assumption [U] kept in one place, <see cref="CardProfile.Timing"/>.</remarks>
    public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu)
    {
        var timing = Profile.Timing;
        if (commandApdu.Length < 4)
        {
            return timing.Other;
        }

        return commandApdu[1] switch
        {
            0xA4 => timing.Select,
            0xB0 or 0xB2 or 0xC0 or 0xCA => timing.Read(ExpectedLength(commandApdu)),
            0x20 => commandApdu.Length > 5 ? timing.VerifyWithValue : timing.VerifyQuery,
            0x84 => timing.GetChallenge,
            0x2A => Image.Persona.Algorithm == CardKeyAlgorithm.EcdsaP384 && !IsJpkiSelected() ? timing.EcdsaSign : timing.RsaPrivateKey,
            0x88 or 0xAE => timing.RsaPrivateKey,
            _ => timing.Other,
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
                if ((cla & 0x03) != 0 && (cla & 0x70) == 0)
                {
                    return Sw(StatusWords.LogicalChannelNotSupported); // only the basic channel (soltia48/myna-card)
                }

                if (cla is not 0x00 and not 0x80 and not 0x08 and not 0x0C)
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

                if (IsExtendedEncoding(commandApdu) && !Profile.ExtendedLength)
                {
                    return Sw(StatusWords.WrongLength); // a card without extended Lc/Le [U]
                }

                var ins = command.Ins;
                if (ins != 0xC0)
                {
                    pendingResponse = [];
                }

                if (cla is 0x08 or 0x0C)
                {
                    return SecureMessaging(command);
                }

                var expectedCla = ins is 0x2A or 0x32 or 0xAE or 0xA2 or 0xFC ? (byte)0x80 : (byte)0x00;
                if (IsKnownInstruction(ins) && cla != expectedCla)
                {
                    return Sw(StatusWords.ClassNotSupported);
                }

                return ins switch
                {
                    0xA4 => Select(command),
                    0xB0 => ReadBinary(command),
                    0xB2 => ReadRecord(command),
                    0x20 => Verify(command, command.Data.Span),
                    0x84 => GetChallenge(command, IsExtendedEncoding(commandApdu)),
                    0xCA => GetData(command, IsExtendedEncoding(commandApdu)),
                    0xC0 => GetResponse(command),
                    0x2A => ComputeDigitalSignature(command),
                    0x24 => ChangeReferenceData(command, jicsapChangeKey: false),
                    0x32 => ChangeReferenceData(command, jicsapChangeKey: true),
                    0x88 => InternalAuthenticate(command),
                    0xAE => SetSessionKey(command),
                    0xA2 => Sw(StatusWords.IncorrectP1P2), // SET PUBLIC IC KEY: 6A86 to every P1-P2 probed (soltia48/myna-card)
                    0xFC => Sw(StatusWords.WrongLength),   // last-command indicator: 6700 on physical cards (soltia48/myna-card)
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

    /// <summary>
    /// True when the APDU uses the extended length encoding (a <c>00</c> byte then two-byte Lc or Le), whatever the values:
    /// the wire form, which is what a card without extended-length support refuses.
    /// </summary>
    public static bool IsExtendedEncoding(ReadOnlySpan<byte> apdu) => apdu.Length >= 7 && apdu[4] == 0x00;

    /// <summary>Ne of the command (256 when it has none or cannot be parsed), for the timing model.</summary>
    private static int ExpectedLength(ReadOnlySpan<byte> apdu)
    {
        try
        {
            return CommandApdu.Parse(apdu).Ne ?? 256;
        }
        catch (MalformedApduException)
        {
            return 256;
        }
    }

    private static bool IsKnownInstruction(byte ins) =>
        ins is 0xA4 or 0xB0 or 0xB2 or 0x20 or 0x84 or 0xCA or 0xC0 or 0x2A or 0x24 or 0x32 or 0x88 or 0xAE or 0xA2 or 0xFC;

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
            EndSession();
        }
    }

    private void EndSession()
    {
        session?.Dispose();
        session = null;
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

                EndSession(); // a secure-messaging session ends when an application is selected (soltia48/myna-card)
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

                return SelectFile((ushort)((data[0] << 8) | data[1]));

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

    /// <summary>
    /// SELECT EF by id in the current DF. At the MF level only EF 001E exists (an internal EF: 6981 to reads); 2F10, 2F11 and
    /// every other id answer 6A82 (soltia48/myna-card's sweep of a card).
    /// </summary>
    private byte[] SelectFile(ushort fid)
    {
        if (currentDf is null)
        {
            if (fid != MfInternalFile.Id)
            {
                return Sw(StatusWords.FileNotFound);
            }

            currentEf = MfInternalFile;
            return Sw(StatusWords.Ok);
        }

        if (!currentDf.Files.TryGetValue(fid, out var file))
        {
            return Sw(StatusWords.FileNotFound);
        }

        currentEf = file;
        return Sw(StatusWords.Ok);
    }

    private static readonly InternalFile MfInternalFile = new(0x001E, "MF internal EF (not the JICSAP card identifier)");

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

    private byte[] Verify(CommandApdu command, ReadOnlySpan<byte> value)
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
        if (value.IsEmpty)
        {
            return Profile.EmptyVerifyAnswersOkWhenVerified && verified.Contains(key.Id)
                ? Sw(StatusWords.Ok)
                : Sw((ushort)(StatusWords.RetryCounterBase | Math.Min(left, 15)));
        }

        executedValueVerifies[slot] = executedValueVerifies.GetValueOrDefault(slot) + 1;
        if (left == 0)
        {
            Observe(slot, accepted: false, 0, 0);
            return Sw(StatusWords.AuthenticationBlocked);
        }

        if (CryptographicOperations.FixedTimeEquals(value, secret))
        {
            tries[slot] = key.MaxTries;
            verified.Add(key.Id);
            Observe(slot, accepted: true, left, key.MaxTries);
            return Sw(StatusWords.Ok);
        }

        tries[slot] = left - 1;
        verified.Remove(key.Id);
        Observe(slot, accepted: false, left, left - 1);
        return Sw((ushort)(StatusWords.RetryCounterBase | Math.Min(left - 1, 15)));
    }

    private void Observe((ApplicationKind Application, ushort KeyFileId) slot, bool accepted, int before, int after) =>
        VerifyExecuted?.Invoke(this, new VerifyExecution(slot.Application, slot.KeyFileId, accepted, before, after));

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

    /// <summary>GET CHALLENGE: every Le 1–256 honoured exactly, at the MF and in every AP; the extended form is refused with 6985 (soltia48/myna-card).</summary>
    private byte[] GetChallenge(CommandApdu command, bool extendedEncoding)
    {
        if (command.P1 != 0 || command.P2 != 0)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (extendedEncoding)
        {
            return Sw(StatusWords.ConditionsNotSatisfied);
        }

        if (!command.Data.IsEmpty || command.Ne is not { } ne || ne > 256)
        {
            return Sw(StatusWords.WrongLength);
        }

        var challenge = new byte[ne];
        random.NextBytes(challenge);
        return Ok(challenge);
    }

    /// <summary>
    /// GET DATA. MF-level objects answer only with no DF current; <c>5F51</c> also inside an AP (on some cards only there). An
    /// object longer than 256 bytes with a short Le answers <c>6700</c> — the card wants an extended Le (soltia48/myna-card) — on a
    /// card with extended length; a card without it chains the object through GET RESPONSE [U].
    /// </summary>
    private byte[] GetData(CommandApdu command, bool extendedEncoding)
    {
        var tag = (ushort)((command.P1 << 8) | command.P2);
        if (tag == 0x5F51)
        {
            return Profile.ContactAtrOnlyInApplications && currentDf is null
                ? Sw(StatusWords.ReferencedDataNotFound)
                : Respond(Image.ContactAtrWithoutTs, command.Ne);
        }

        if (currentDf is not null || !Image.MfDataObjects.TryGetValue(tag, out var value))
        {
            return Sw(StatusWords.ReferencedDataNotFound);
        }

        if (value.Length > CommandApdu.MaxShortNe && !extendedEncoding && Profile.ExtendedLength)
        {
            return Sw(StatusWords.WrongLength);
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

            if (Profile.ChallengeNeedsCredential && !currentDf.ChallengeRule.IsSatisfiedBy(verified))
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

    /// <summary>
    /// INTERNAL AUTHENTICATE <c>00 88 00 (80 | 80+SFI) Lc challenge 00</c>: only the common AP's EF 0019 answers, with no
    /// credential, PKCS#1 v1.5 over SHA-256 DigestInfo(challenge), deterministic, challenge 1–255 bytes; a key behind a PIN
    /// answers <c>6982</c>, the 券面 APs' signing keys <c>6985</c> (soltia48/myna-card). Other P1/P2, absent keys and wrong lengths [U].
    /// </summary>
    private byte[] InternalAuthenticate(CommandApdu command)
    {
        if (command.P1 != 0x00)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        CardFile? file;
        if (command.P2 == 0x80)
        {
            file = currentEf;
        }
        else if (command.P2 is >= 0x81 and <= 0x9E)
        {
            file = currentDf is not null && currentDf.Files.TryGetValue((ushort)(command.P2 & 0x1F), out var f) ? f : null;
        }
        else
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (file is not PrivateKeyFile key)
        {
            return Sw(StatusWords.ReferencedDataNotFound);
        }

        switch (key.InternalAuthentication)
        {
            case InternalAuthentication.BehindPin:
                return Sw(StatusWords.SecurityStatusNotSatisfied);
            case InternalAuthentication.Refused:
                return Sw(StatusWords.ConditionsNotSatisfied);
            default:
                var challenge = command.Data.Span;
                return challenge.Length is >= 1 and <= 255
                    ? Ok(key.Key.SignPkcs1Raw([.. CardPersonalizer.Sha256DigestInfoPrefix, .. SHA256.HashData(challenge)]))
                    : Sw(StatusWords.WrongLength);
        }
    }

    /// <summary>
    /// SET SESSION KEY <c>80 AE 00 00 Lc(ext) cryptogram</c>. The instruction exists card-wide (no AP answers 6D00); the common and
    /// surface APs answer <c>66F1</c> (no key delivery configured), JPKI and 住基 <c>6982</c>; the text AP checks its 4-digit PIN first
    /// (<c>6982</c> otherwise, 照合番号A does not count), then answers <c>6F00</c> to a cryptogram at or above the EF 0006 modulus,
    /// <c>6A80</c> to one that does not decrypt (RSA-OAEP/SHA-256) to <c>A0 22 80 20 ‖ 32 bytes</c>, and <c>9000</c> otherwise: the first
    /// 16 of the 32 bytes become the AES-128 session key (soltia48/myna-card). At the MF level and for other P1-P2 [U].
    /// </summary>
    private byte[] SetSessionKey(CommandApdu command)
    {
        switch (currentDf?.Kind)
        {
            case null or ApplicationKind.Common or ApplicationKind.Surface:
                return Sw(StatusWords.SecurityEnvironmentFaulty);
            case ApplicationKind.Jpki or ApplicationKind.Juki:
                return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (command.P1 != 0x00 || command.P2 != 0x00)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        var key = currentDf!.SessionKey;
        if (key is null || !verified.Contains(0x0011))
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        var rsa = (RsaKeyParameters)key.PrivateKey;
        var cryptogram = command.Data.ToArray();
        if (cryptogram.Length == 0 || new BigInteger(1, cryptogram).CompareTo(rsa.Modulus) >= 0)
        {
            return Sw(StatusWords.NoPreciseDiagnosis);
        }

        byte[] message;
        try
        {
            var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), null);
            oaep.Init(false, rsa);
            message = oaep.ProcessBlock(cryptogram, 0, cryptogram.Length);
        }
        catch (InvalidCipherTextException)
        {
            return Sw(StatusWords.IncorrectData);
        }

        try
        {
            if (message.Length != 36 || message[0] != 0xA0 || message[1] != 0x22 || message[2] != 0x80 || message[3] != 0x20)
            {
                return Sw(StatusWords.IncorrectData);
            }

            EndSession();
            session = new SecureMessagingSession(message.AsSpan(4, 16));
            return Sw(StatusWords.Ok);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    /// <summary>
    /// Secure-messaging class bytes (<c>08</c> without, <c>0C</c> with header authentication). Outside a session every AP refuses
    /// them: SELECT <c>6882</c>, READ BINARY and VERIFY <c>69FC</c> (soltia48/myna-card; other instructions [U] <c>6882</c>). Inside the
    /// text AP's session, <c>0C</c> answers <c>6987</c> (no CCS key); under <c>08</c> VERIFY and SELECT take exactly one <c>86 L 01 ‖
    /// cryptogram</c> object and READ BINARY one <c>96 03 00 Le(2)</c> object (Le 0 = to the end of the file, filler included),
    /// answered with <c>86 L 01 ‖ cryptogram</c>; any other object, a second object, an indicator other than 01 or a cryptogram that
    /// does not unpad answers <c>6988</c> and ends the session (<c>69FC</c> afterwards). The counter advances on every
    /// secure-messaging command, also when the application refuses it.
    /// </summary>
    private byte[] SecureMessaging(CommandApdu command)
    {
        if (session is null)
        {
            return command.Ins is 0xB0 or 0x20 ? Sw(StatusWords.SecureMessagingSessionInvalid) : Sw(StatusWords.SecureMessagingNotSupported);
        }

        if (session.IsBroken)
        {
            return Sw(StatusWords.SecureMessagingSessionInvalid);
        }

        if (command.Cla == 0x0C)
        {
            return Sw(StatusWords.SecureMessagingDataObjectMissing);
        }

        if (command.Ins is not (0xA4 or 0x20 or 0xB0))
        {
            return Sw(StatusWords.SecureMessagingNotSupported); // [U]
        }

        var n = session.Next();
        var expectedTag = command.Ins == 0xB0 ? 0x96 : 0x86;
        if (!TrySingleDataObject(command.Data.Span, expectedTag, out var value))
        {
            return BreakSession();
        }

        if (command.Ins == 0xB0)
        {
            return value.Length == 3 && value[0] == 0x00 ? SecureReadBinary(command, (value[1] << 8) | value[2], n) : BreakSession();
        }

        if (value.Length < 17 || value[0] != 0x01)
        {
            return BreakSession();
        }

        var plain = session.Decrypt(value[1..], n);
        if (plain is null)
        {
            return BreakSession();
        }

        try
        {
            if (command.Ins == 0x20)
            {
                return Verify(command, plain);
            }

            return command.P1 == 0x02 && command.P2 is 0x0C or 0x00
                ? plain.Length == 2 ? SelectFile((ushort)((plain[0] << 8) | plain[1])) : Sw(StatusWords.WrongLength)
                : Sw(StatusWords.IncorrectP1P2);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private byte[] BreakSession()
    {
        session!.Break();
        return Sw(StatusWords.SecureMessagingCryptogramIncorrect);
    }

    private byte[] SecureReadBinary(CommandApdu command, int length, uint n)
    {
        if ((command.P1 & 0x80) != 0)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        if (currentEf is null)
        {
            return Sw(StatusWords.NoCurrentEf);
        }

        if (currentEf is not BinaryFile binary)
        {
            return Sw(StatusWords.IncompatibleFileStructure);
        }

        if (!binary.Read.IsSatisfiedBy(verified))
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        var offset = (command.P1 << 8) | command.P2;
        if (offset >= binary.Content.Length)
        {
            return Sw(StatusWords.WrongOffset);
        }

        var count = length == 0 ? binary.Content.Length - offset : Math.Min(length, binary.Content.Length - offset);
        var cryptogram = session!.Encrypt(binary.Content.AsSpan(offset, count), n);
        return Ok(Tlv.Encode(0x86, [0x01, .. cryptogram]));
    }

    /// <summary>True when <paramref name="data"/> is exactly one BER object with <paramref name="tag"/> (short or 81/82 length).</summary>
    private static bool TrySingleDataObject(ReadOnlySpan<byte> data, int tag, out byte[] value)
    {
        value = [];
        if (data.Length < 2 || data[0] != tag)
        {
            return false;
        }

        int length, header;
        switch (data[1])
        {
            case < 0x80:
                (length, header) = (data[1], 2);
                break;
            case 0x81 when data.Length >= 3:
                (length, header) = (data[2], 3);
                break;
            case 0x82 when data.Length >= 4:
                (length, header) = ((data[2] << 8) | data[3], 4);
                break;
            default:
                return false;
        }

        if (header + length != data.Length)
        {
            return false;
        }

        value = data.Slice(header, length).ToArray();
        return true;
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
