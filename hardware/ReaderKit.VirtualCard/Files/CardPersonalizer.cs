using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Files;

/// <summary>
/// Builds a <see cref="CardImage"/> from a persona and the test PKI: every EF byte-exact to the reference layouts,
/// every signature as the reference constructs it. Deterministic for a given seed, persona and photo.
/// </summary>
public sealed class CardPersonalizer
{
    /// <summary>SHA-256 DigestInfo prefix with a 0x60-byte OCTET STRING (three digests), for surface DF28.</summary>
    public static ReadOnlySpan<byte> ThreeDigestPrefix =>
        [0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60];

    /// <summary>Standard SHA-256 DigestInfo prefix (for 32-byte hashes).</summary>
    public static ReadOnlySpan<byte> Sha256DigestInfoPrefix =>
        [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    private readonly TestPki pki;
    private readonly IChipPhotoSource photos;

    /// <summary>Personalises cards from <paramref name="pki"/> with photos from <paramref name="photos"/>.</summary>
    public CardPersonalizer(TestPki pki, IChipPhotoSource photos)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(photos);
        this.pki = pki;
        this.photos = photos;
    }

    /// <summary>Builds the card image of a persona, with the persona's card profile.</summary>
    public CardImage Personalize(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return Personalize(persona, persona.Profile);
    }

    /// <summary>Builds the card image of a persona as a card of <paramref name="profile"/>.</summary>
    public CardImage Personalize(Persona persona, CardProfile profile)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(profile);
        var cvc = pki.Cvc(persona.Algorithm);
        var published = pki.CardKey(persona.EffectivePublishedKeyLabel + "/chip", persona.Algorithm);
        var chip = pki.CardKey(persona.EffectiveChipKeyLabel + "/chip", persona.Algorithm);
        // The credentials the stricter profile demands before 80 2A 00 00; real cards ask for none (the profile decides at run time).
        AccessRule Challenge(params ushort[] keys) => AccessRule.Keys(keys);
        var applications = new List<CardApplication>
        {
            new(ApplicationKind.Jpki, MyNumberCardAids.Of(ApplicationKind.Jpki), () => BuildJpki(persona, profile), null, AccessRule.Never),
            new(ApplicationKind.Text, MyNumberCardAids.Of(ApplicationKind.Text), () => BuildText(persona, profile, cvc, published, chip), chip, Challenge(0x0011, 0x0014, 0x0015),
                () => TextSessionKey(persona)),
            new(ApplicationKind.Surface, MyNumberCardAids.Of(ApplicationKind.Surface), () => BuildSurface(persona, profile, cvc, published, chip), chip, Challenge(0x0011, 0x0012, 0x0013)),
            new(ApplicationKind.Juki, MyNumberCardAids.Of(ApplicationKind.Juki), () => BuildJuki(persona), null, AccessRule.Never),
            new(ApplicationKind.Common, MyNumberCardAids.Of(ApplicationKind.Common), () => BuildCommon(persona), null, AccessRule.Never),
        };
        if (profile.IsPhone)
        {
            // A phone exposes the JPKI applet only: no card-face, text, 住基 or common AP (jpki/myna), and no MF-level data [U].
            applications.RemoveAll(a => a.Kind != ApplicationKind.Jpki);
            return new CardImage(persona, applications, new Dictionary<ushort, byte[]>(), SHA256.HashData(Encoding.ASCII.GetBytes(persona.CardSerial))[..4], profile.ContactAtrWithoutTs.ToArray()) { Profile = profile };
        }

        var suffix = persona.Algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002";
        var cardKeyId = CvcKeyId.Create("6" + persona.CardSerial[..6], suffix);
        var mf = new Dictionary<ushort, byte[]>
        {
            [0x0042] = cvc.MfIntermediate.KeyId,
            [0x0045] = Encoding.ASCII.GetBytes(persona.CardSerial),
            [0x00F0] = Encoding.ASCII.GetBytes(persona.MunicipalityCode),
            [0x00F2] = Encoding.ASCII.GetBytes(Digits8(persona.ExpiryDate)),
            [0x00F7] = cvc.MfIntermediate.KeyId,
            [0x00F8] = TemplateContents(cvc.MfUpperCvc),
        };
        if (profile.HasLowerMfCertificate)
        {
            mf[0x7F21] = TemplateContents(cvc.MfIntermediate.IssueCvc(cardKeyId, published));
        }

        var pupi = SHA256.HashData(Encoding.ASCII.GetBytes(persona.CardSerial))[..4];
        return new CardImage(persona, applications, mf, pupi, profile.ContactAtrWithoutTs.ToArray()) { Profile = profile };
    }

    /// <summary>
    /// The common AP EF 0019 key (INTERNAL AUTHENTICATE without a credential). Its public half is on no file of a real card and
    /// whether it is per card is unknown [U]: one key per test PKI (one slow RSA generation, not one per card).
    /// </summary>
    public static CardSigningKey CommonInternalAuthenticationKey(TestPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return pki.CardKey("common-ap/0019", CardKeyAlgorithm.Rsa2048);
    }

    /// <summary>
    /// Surface EF 0003 DF32 / text EF 0005 DF42: a key id that is <b>not</b> the key EF 0004 certifies — <c>x000024/001</c> and
    /// <c>x000034/001</c> on cards (<c>6000024</c>/<c>6000034</c> on a test card, soltia48/myna-card); <c>/002</c> for ECDSA [U].
    /// </summary>
    public static byte[] BasicInfoKeyId(ApplicationKind kind, CardKeyAlgorithm algorithm) =>
        CvcKeyId.Create(kind == ApplicationKind.Surface ? "6000024" : "6000034", algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002");

    /// <summary>Surface EF 0003 DF35's leading key id: <c>5900025/001</c>, as read on a JPKI test card (soltia48/myna-card).</summary>
    public static byte[] SurfaceDf35KeyId => CvcKeyId.Create("5900025", "001");

    /// <summary>Surface AP EF 0002 DF28 input for RSA: the 115-byte three-digest DigestInfo.</summary>
    public static byte[] ThreeDigestInfo(ReadOnlySpan<byte> d1, ReadOnlySpan<byte> d2, ReadOnlySpan<byte> d3) =>
        Tlv.Concat(ThreeDigestPrefix.ToArray(), d1.ToArray(), d2.ToArray(), d3.ToArray());

    private static string Digits8(DateOnly date) => date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] TemplateContents(byte[] cvc) => cvc[2] switch
    {
        0x82 => cvc[5..], // 7F 21 82 LL LL
        0x81 => cvc[4..], // 7F 21 81 LL
        _ => cvc[3..],    // 7F 21 LL
    };

    private static Dictionary<ushort, CardFile> Files(params CardFile[] files) => files.ToDictionary(f => f.Id);

    private static KeyReferenceFile Key(ushort id, Persona persona, CredentialSlot slot)
    {
        var secret = persona.Secret(slot);
        return new KeyReferenceFile(id, slot, secret is null ? null : Encoding.ASCII.GetBytes(secret), Persona.MaxTries(slot), persona.InitialTries(slot));
    }

    private Dictionary<ushort, CardFile> BuildSurface(Persona persona, CardProfile profile, CvcHierarchy cvc, CardSigningKey published, CardSigningKey chip)
    {
        var issuer = cvc.SurfaceIssuerFor(persona.MunicipalityCode).Key;
        var holder = persona.Holder;
        var keyField = published.EncodePublicKeyField();

        // EF 0001 age record: FF10 { DF11 DOB, DF12 card key, DF13 sig(DF11 ‖ DF12) }.
        var df11 = Tlv.Encode(0xDF11, Encoding.ASCII.GetBytes(holder.DateOfBirthDigits));
        var df12 = Tlv.Encode(0xDF12, keyField);
        var age = Tlv.Constructed(0xFF10, df11, df12, Tlv.Encode(0xDF13, issuer.SignMessage(Tlv.Concat(df11, df12))));

        // EF 0002 card face.
        var g1 = Tlv.Concat(
            Tlv.Encode(0xDF22, Encoding.ASCII.GetBytes(holder.DateOfBirthDigits)),
            Tlv.Encode(0xDF23, [(byte)holder.SexDigit]),
            Tlv.Encode(0xDF24, keyField));
        var g2 = Tlv.Concat(
            Tlv.Encode(0xDF25, CardFaceImages.Name(holder.FullName)),
            Tlv.Encode(0xDF26, CardFaceImages.Address(holder.Address)));
        var g3 = Tlv.Encode(0xDF27, photos.GetPhoto(persona));
        var d1 = issuer.Digest(g1);
        var d2 = issuer.Digest(g2);
        var d3 = issuer.Digest(g3);
        var signature = issuer.Algorithm == CardKeyAlgorithm.Rsa2048
            ? issuer.SignPkcs1Raw(ThreeDigestInfo(d1, d2, d3))
            : issuer.SignEcdsaHash(SHA384.HashData(Tlv.Concat(d1, d2, d3)));
        var face = WithOffsetTable(0xFF20, forceLongLength: true,
            SplitTlvs(g1).Concat(SplitTlvs(g2)).Concat([g3,
                Tlv.Encode(0xDF28, signature),
                Tlv.Encode(0xDF29, Encoding.ASCII.GetBytes(Digits8(persona.ExpiryDate))),
                Tlv.Encode(0xDF2A, CardFaceImages.SecurityCode(persona.SecurityCode))]).ToArray());

        // EF 0003 basic info: DF31 06 03 0E 01 (byte 1 = extended Lc/Le, as text DF41), DF32 a key id that is not the
        // issuer's, DF33 version 00 (both as read on a test card), DF34 municipality, DF35 key id + 256 opaque bytes.
        var opaque = DeterministicRandom.Bytes(persona.DataIdentity, "surface-df35", 256);
        var basic = Tlv.Constructed(0xFF30,
            Tlv.Encode(0xDF31, [0x06, profile.ExtendedLengthByte, 0x0E, 0x01]),
            Tlv.Encode(0xDF32, BasicInfoKeyId(ApplicationKind.Surface, persona.Algorithm)),
            Tlv.Encode(0xDF33, [0x00]),
            Tlv.Encode(0xDF34, Encoding.ASCII.GetBytes(persona.MunicipalityCode)),
            Tlv.Encode(0xDF35, Tlv.Concat(SurfaceDf35KeyId, opaque)));

        // EF 0005 My Number image: FF40 { DF41 PNG, DF42 card key, DF43 sig(DF41 ‖ DF42) }.
        var df41 = Tlv.Encode(0xDF41, CardFaceImages.MyNumber(persona.MyNumber));
        var df42 = Tlv.Encode(0xDF42, keyField);
        var myNumberImage = Tlv.Constructed(0xFF40, df41, df42, Tlv.Encode(0xDF43, issuer.SignMessage(Tlv.Concat(df41, df42))));

        const ushort Birth = 0x0011, B = 0x0012, A = 0x0013;
        var files = Files(
            BinaryFile.WithFiller(0x0001, age, AccessRule.Keys(Birth)),
            BinaryFile.WithFiller(0x0002, face, AccessRule.Keys(A, B)),
            BinaryFile.WithFiller(0x0003, basic, AccessRule.Always),
            BinaryFile.WithFiller(0x0004, cvc.SurfaceCvcFor(persona.MunicipalityCode), AccessRule.Always),
            BinaryFile.WithFiller(0x0005, myNumberImage, AccessRule.Keys(A)),
            new BinaryFile(0x0006, Enumerable.Repeat(BinaryFile.Filler, 16).ToArray(), AccessRule.Always),
            Key(Birth, persona, CredentialSlot.SurfaceBirthDate),
            Key(B, persona, CredentialSlot.SurfaceVerificationB),
            Key(A, persona, CredentialSlot.SurfaceVerificationA),
            new PrivateKeyFile(0x001A, chip, AccessRule.Never, InternalAuthentication.Refused));
        return files;
    }

    private CardSigningKey TextSessionKey(Persona persona) => pki.CardKey(persona.EffectiveChipKeyLabel + "/text-sm", CardKeyAlgorithm.Rsa2048);

    private Dictionary<ushort, CardFile> BuildText(Persona persona, CardProfile profile, CvcHierarchy cvc, CardSigningKey published, CardSigningKey chip)
    {
        var issuer = cvc.TextIssuerFor(persona.MunicipalityCode).Key;
        var holder = persona.Holder;

        // EF 0001: FF 10 0C + 12 digits + FF FF filler (17 physical bytes, the whole file).
        var myNumber = Tlv.Concat(Tlv.Encode(0xFF10, Encoding.ASCII.GetBytes(persona.MyNumber)), [BinaryFile.Filler, BinaryFile.Filler]);

        // EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 DOB, DF25 sex }.
        byte[][] attributes =
        [
            Tlv.Encode(0xDF22, Encoding.UTF8.GetBytes(holder.FullName)),
            Tlv.Encode(0xDF23, Encoding.UTF8.GetBytes(holder.Address)),
            Tlv.Encode(0xDF24, Encoding.ASCII.GetBytes(holder.DateOfBirthDigits)),
            Tlv.Encode(0xDF25, [(byte)holder.SexDigit]),
        ];
        var basicFour = WithOffsetTable(0xFF20, forceLongLength: false, attributes);

        // EF 0003: FF30 { DF31 H(EF0001 physical), DF32 H(DF22..DF25 TLVs), DF33 sig(DF31 ‖ DF32) }.
        var df31 = Tlv.Encode(0xDF31, issuer.Digest(myNumber));
        var df32 = Tlv.Encode(0xDF32, issuer.Digest(Tlv.Concat(attributes)));
        var integrity = Tlv.Constructed(0xFF30, df31, df32, Tlv.Encode(0xDF33, issuer.SignMessage(Tlv.Concat(df31, df32))));

        // EF 0005 AP basic info: DF41 spec version / extended Lc-Le / vendor / vendor byte, DF42 a key id that is not the
        // issuer's, DF43 128 bytes = 32 bytes of unknown meaning + 96 FF (as on every card soltia48/myna-card examined).
        var df43 = new byte[128];
        DeterministicRandom.Bytes(persona.DataIdentity, "text-df43", 32).CopyTo(df43, 0);
        df43.AsSpan(32).Fill(BinaryFile.Filler);
        var info = Tlv.Constructed(0xFF40,
            Tlv.Encode(0xDF41, [0x01, profile.ExtendedLengthByte, 0x0E, 0x01]),
            Tlv.Encode(0xDF42, BasicInfoKeyId(ApplicationKind.Text, persona.Algorithm)),
            Tlv.Encode(0xDF43, df43));

        // EF 0006: A1 { 90 e, 91 n }, the key a terminal encrypts a SET SESSION KEY cryptogram to: a third key, neither the
        // issuer's nor EF 0007's (soltia48/myna-card, read from a test card).
        var smKey = Tlv.Encode(0xA1, TextSessionKey(persona).EncodePublicKeyField());

        // EF 0007: FF50 { DF51 AP signing key, DF52 sig(DF51) }.
        var df51 = Tlv.Encode(0xDF51, published.EncodePublicKeyField());
        var signedKey = Tlv.Constructed(0xFF50, df51, Tlv.Encode(0xDF52, issuer.SignMessage(df51)));

        const ushort Pin = 0x0011, Blocked = 0x0012, A = 0x0014, B = 0x0015;
        var files = Files(
            new BinaryFile(0x0001, myNumber, AccessRule.Keys(Pin, A)),
            BinaryFile.WithFiller(0x0002, basicFour, AccessRule.Keys(Pin, B)),
            BinaryFile.WithFiller(0x0003, integrity, AccessRule.Keys(Pin, A, B)),
            BinaryFile.WithFiller(0x0004, cvc.TextCvcFor(persona.MunicipalityCode), AccessRule.Always),
            BinaryFile.WithFiller(0x0005, info, AccessRule.Always),
            BinaryFile.WithFiller(0x0006, smKey, AccessRule.Keys(Pin, A, B)),
            BinaryFile.WithFiller(0x0007, signedKey, AccessRule.Keys(Pin, A, B)),
            new BinaryFile(0x0008, Enumerable.Repeat(BinaryFile.Filler, 16).ToArray(), AccessRule.Always),
            Key(Pin, persona, CredentialSlot.TextPin),
            new KeyReferenceFile(Blocked, null, DeterministicRandom.Bytes(persona.DataIdentity, "text-0012", 8), 3, 0),
            new PrivateKeyFile(0x0013, chip, AccessRule.Never, InternalAuthentication.Refused),
            Key(A, persona, CredentialSlot.TextVerificationA),
            Key(B, persona, CredentialSlot.TextVerificationB));
        return files;
    }

    private Dictionary<ushort, CardFile> BuildJpki(Persona persona, CardProfile profile)
    {
        // Warm the four slow keys in parallel; the calls below then hit the cache.
        string[] labels = [persona.EffectivePublishedKeyLabel, persona.EffectiveChipKeyLabel];
        var wanted = labels.Distinct().SelectMany(l => persona.HasSignCertificate ? new[] { l + "/jpki-auth", l + "/jpki-sign" } : [l + "/jpki-auth"]);
        wanted.AsParallel().ForAll(label => pki.CardKey(label, CardKeyAlgorithm.Rsa2048));
        var jpki = pki.Jpki;
        var authPublished = pki.CardKey(persona.EffectivePublishedKeyLabel + "/jpki-auth", CardKeyAlgorithm.Rsa2048);
        var authChip = pki.CardKey(persona.EffectiveChipKeyLabel + "/jpki-auth", CardKeyAlgorithm.Rsa2048);
        var jst = TimeSpan.FromHours(9);
        var notBefore = persona.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - jst;
        var notAfter = persona.CertificateExpiry.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc) - jst;
        var serialSeed = SHA256.HashData(Encoding.UTF8.GetBytes(persona.DataIdentity));
        var commonName = Convert.ToHexString(serialSeed[..10]);
        var authCert = jpki.IssueAuthCertificate(authPublished, commonName, new BigInteger(1, serialSeed[..8]), notBefore, notAfter);

        // EF 0008: sign-certificate availability, auth-certificate availability, 00 — 8F 8F 00 on a card carrying both
        // (soltia48/myna-card); 00 for a missing certificate is that project's own example [U].
        const byte Present = 0x8F;
        const ushort AuthPin = 0x0018, SignPassword = 0x001B;
        var files = new List<CardFile>
        {
            BinaryFile.WithFiller(0x0002, jpki.SignCa.GetEncoded(), AccessRule.Always),
            new BinaryFile(0x0006, TokenInfo(persona, profile), AccessRule.Always),
            new BinaryFile(0x0008, [persona.HasSignCertificate ? Present : (byte)0x00, Present, 0x00], AccessRule.Always),
            new BinaryFile(0x0009, Enumerable.Repeat(BinaryFile.Filler, 16).ToArray(), AccessRule.Never),
            // A phone releases the user-authentication certificate only after VERIFY of the auth PIN (jpki/myna); a card without.
            BinaryFile.WithFiller(0x000A, authCert.GetEncoded(), profile.IsPhone ? AccessRule.Keys(AuthPin) : AccessRule.Always),
            BinaryFile.WithFiller(0x000B, jpki.AuthCa.GetEncoded(), AccessRule.Always),
            new InternalFile(0x0016, "terminal CA key reference (SET PUBLIC IC KEY)"),
            new PrivateKeyFile(0x0017, authChip, AccessRule.Keys(AuthPin)),
            Key(AuthPin, persona, CredentialSlot.JpkiAuthPin),
        };
        if (persona.HasSignCertificate)
        {
            var signPublished = pki.CardKey(persona.EffectivePublishedKeyLabel + "/jpki-sign", CardKeyAlgorithm.Rsa2048);
            var signChip = pki.CardKey(persona.EffectiveChipKeyLabel + "/jpki-sign", CardKeyAlgorithm.Rsa2048);
            var holder = persona.Holder;
            var signCert = jpki.IssueSignCertificate(
                signPublished, Convert.ToHexString(serialSeed[10..20]), holder.PrefectureRomaji, holder.CityRomaji,
                new BigInteger(1, serialSeed[8..16]), notBefore, notAfter,
                holder.FullName, holder.DateOfBirthDigits, holder.SexDigit.ToString(), holder.Address);
            files.Add(BinaryFile.WithFiller(0x0001, signCert.GetEncoded(), AccessRule.Keys(SignPassword)));
            files.Add(new PrivateKeyFile(0x001A, signChip, AccessRule.Keys(SignPassword)));
            files.Add(Key(SignPassword, persona, CredentialSlot.JpkiSignPassword));
        }

        return Files([.. files]);
    }

    /// <summary>
    /// PKCS#11 CK_TOKEN_INFO with 4-byte big-endian CK_ULONGs (160 bytes), with the values soltia48/myna-card parses as the
    /// physical-card layout: label, manufacturer <c>0…01</c>, model <c>E16R01NJ</c>, flags <c>040D</c>, sessions 1/0/1/0, PIN
    /// length 16/6, memory "unavailable", versions ASCII <c>03</c>/<c>01</c>, utcTime sixteen <c>9</c>s. The serial number's digits
    /// are per card [U].
    /// </summary>
    private static byte[] TokenInfo(Persona persona, CardProfile profile)
    {
        var info = new byte[160];
        void Text(int offset, int length, string value)
        {
            info.AsSpan(offset, length).Fill((byte)' ');
            Encoding.ASCII.GetBytes(value, info.AsSpan(offset));
        }

        void Word(int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(offset), value);

        Text(0, 32, profile.JpkiTokenLabel);
        Text(32, 32, "00000000000000000000000000000001");
        Text(64, 16, "E16R01NJ");
        Text(80, 16, "00000000" + DeterministicRandom.Digits(persona.DataIdentity, "jpki-token-serial", 8));
        Word(96, 0x0000040D); // RNG | LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
        Word(100, 1);
        Word(104, 0);
        Word(108, 1);
        Word(112, 0);
        Word(116, 16);
        Word(120, 6);
        for (var offset = 124; offset < 140; offset += 4)
        {
            Word(offset, uint.MaxValue);
        }

        Text(140, 2, "03");
        Text(142, 2, "01");
        info.AsSpan(144, 16).Fill((byte)'9');
        return info;
    }

    /// <summary>
    /// The 16-byte key reference that the 住基 and common APs' EF 0002 each hold as their one record, byte-identical in both
    /// (soltia48/myna-card); what it names and its contents are unknown [U].
    /// </summary>
    private static byte[] KeyReferenceRecord(Persona persona) => DeterministicRandom.Bytes(persona.DataIdentity, "key-reference-0002", 16);

    private static Dictionary<ushort, CardFile> BuildJuki(Persona persona)
    {
        // The 住民票コード is on the card (総務省) but no public source places it in a file a terminal can select: the AP
        // exposes one record EF (0002) and the PIN (001C).
        const ushort Pin = 0x001C;
        var files = Files(
            new RecordFile(0x0002, [KeyReferenceRecord(persona)], AccessRule.Always),
            Key(Pin, persona, CredentialSlot.JukiPin));
        return files;
    }

    private Dictionary<ushort, CardFile> BuildCommon(Persona persona)
    {
        var record = Tlv.Encode(0x01, Encoding.ASCII.GetBytes(persona.CardSerial + persona.MunicipalityCode + Digits8(persona.ExpiryDate)));
        var files = Files(
            new RecordFile(0x0001, [record], AccessRule.Always),
            new RecordFile(0x0002, [KeyReferenceRecord(persona)], AccessRule.Always),
            new PrivateKeyFile(0x0019, CommonInternalAuthenticationKey(pki), AccessRule.Never, InternalAuthentication.Answers),
            Key(0x001C, persona, CredentialSlot.CommonPin));
        return files;
    }

    /// <summary>Splits a concatenation of two-byte-tag TLVs (as built here) back into single TLVs.</summary>
    private static IEnumerable<byte[]> SplitTlvs(byte[] concatenated)
    {
        var i = 0;
        while (i < concatenated.Length)
        {
            var start = i;
            i += 2; // DFxx
            int length = concatenated[i];
            if (length == 0x81)
            {
                length = concatenated[i + 1];
                i += 2;
            }
            else if (length == 0x82)
            {
                length = (concatenated[i + 1] << 8) | concatenated[i + 2];
                i += 3;
            }
            else
            {
                i += 1;
            }

            i += length;
            yield return concatenated[start..i];
        }
    }

    /// <summary>
    /// Outer template with a leading DF21 offset table: one big-endian u16 per following object, each the offset of
    /// that object's tag from the start of the file.
    /// </summary>
    private static byte[] WithOffsetTable(int outerTag, bool forceLongLength, byte[][] objects)
    {
        var tableLength = 3 + (2 * objects.Length);
        var valueLength = tableLength + objects.Sum(o => o.Length);
        var lengthField = forceLongLength
            ? [0x82, (byte)(valueLength >> 8), (byte)valueLength]
            : Tlv.EncodeLength(valueLength);
        var headerLength = 2 + lengthField.Length;
        var table = new byte[2 * objects.Length];
        var offset = headerLength + tableLength;
        for (var i = 0; i < objects.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(2 * i), (ushort)offset);
            offset += objects[i].Length;
        }

        return Tlv.Concat([(byte)(outerTag >> 8), (byte)outerTag], lengthField, Tlv.Encode(0xDF21, table), Tlv.Concat(objects));
    }
}
