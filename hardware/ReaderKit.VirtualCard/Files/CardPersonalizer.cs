using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

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

    /// <summary>Builds the card image of a persona.</summary>
    public CardImage Personalize(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var cvc = pki.Cvc(persona.Algorithm);
        var published = pki.CardKey(persona.EffectivePublishedKeyLabel + "/chip", persona.Algorithm);
        var chip = pki.CardKey(persona.EffectiveChipKeyLabel + "/chip", persona.Algorithm);
        AccessRule Rule(params ushort[] keys) => AccessRule.Keys(keys);
        var applications = new List<CardApplication>
        {
            new(ApplicationKind.Jpki, MyNumberCardAids.Of(ApplicationKind.Jpki), () => BuildJpki(persona), null, AccessRule.Never),
            new(ApplicationKind.Text, MyNumberCardAids.Of(ApplicationKind.Text), () => BuildText(persona, cvc, published, chip), chip, Rule(0x0011, 0x0014, 0x0015)),
            new(ApplicationKind.Surface, MyNumberCardAids.Of(ApplicationKind.Surface), () => BuildSurface(persona, cvc, published), chip, Rule(0x0011, 0x0012, 0x0013)),
            new(ApplicationKind.Juki, MyNumberCardAids.Of(ApplicationKind.Juki), () => BuildJuki(persona), null, AccessRule.Never),
            new(ApplicationKind.Common, MyNumberCardAids.Of(ApplicationKind.Common), () => BuildCommon(persona), null, AccessRule.Never),
        };
        var suffix = persona.Algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002";
        var cardKeyId = CvcKeyId.Create("6" + persona.CardSerial[..6], suffix);
        var lower = cvc.MfIntermediate.IssueCvc(cardKeyId, published);
        var mf = new Dictionary<ushort, byte[]>
        {
            [0x0042] = cvc.MfIntermediate.KeyId,
            [0x0045] = Encoding.ASCII.GetBytes(persona.CardSerial),
            [0x00F0] = Encoding.ASCII.GetBytes(persona.MunicipalityCode),
            [0x00F2] = Encoding.ASCII.GetBytes(Digits8(persona.ExpiryDate)),
            [0x00F7] = cvc.MfIntermediate.KeyId,
            [0x00F8] = TemplateContents(cvc.MfUpperCvc),
            [0x7F21] = TemplateContents(lower),
        };
        var pupi = SHA256.HashData(Encoding.ASCII.GetBytes(persona.CardSerial))[..4];
        byte[] contactAtr = [0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1, 0x73, 0xC6, 0x01, 0xC0, 0x3B];
        return new CardImage(persona, applications, mf, pupi, contactAtr);
    }

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

    private Dictionary<ushort, CardFile> BuildSurface(Persona persona, CvcHierarchy cvc, CardSigningKey published)
    {
        var issuer = cvc.SurfaceIssuer.Key;
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

        // EF 0003 basic info.
        var opaque = DeterministicRandom.Bytes(persona.DataIdentity, "surface-df35", 256);
        var basic = Tlv.Constructed(0xFF30,
            Tlv.Encode(0xDF31, [0x06, 0x03, 0x0E, 0x01]),
            Tlv.Encode(0xDF32, cvc.SurfaceIssuer.KeyId),
            Tlv.Encode(0xDF33, [0x01]),
            Tlv.Encode(0xDF34, Encoding.ASCII.GetBytes(persona.MunicipalityCode)),
            Tlv.Encode(0xDF35, Tlv.Concat(cvc.SurfaceIssuer.KeyId, opaque)));

        // EF 0005 My Number image: FF40 { DF41 PNG, DF42 card key, DF43 sig(DF41 ‖ DF42) }.
        var df41 = Tlv.Encode(0xDF41, CardFaceImages.MyNumber(persona.MyNumber));
        var df42 = Tlv.Encode(0xDF42, keyField);
        var myNumberImage = Tlv.Constructed(0xFF40, df41, df42, Tlv.Encode(0xDF43, issuer.SignMessage(Tlv.Concat(df41, df42))));

        const ushort Birth = 0x0011, B = 0x0012, A = 0x0013;
        var files = Files(
            new BinaryFile(0x0001, age, AccessRule.Keys(Birth)),
            new BinaryFile(0x0002, face, AccessRule.Keys(A, B)),
            new BinaryFile(0x0003, basic, AccessRule.Always),
            new BinaryFile(0x0004, cvc.SurfaceCvc, AccessRule.Always),
            new BinaryFile(0x0005, myNumberImage, AccessRule.Keys(A)),
            new BinaryFile(0x0006, Enumerable.Repeat((byte)0xFF, 16).ToArray(), AccessRule.Always),
            Key(Birth, persona, CredentialSlot.SurfaceBirthDate),
            Key(B, persona, CredentialSlot.SurfaceVerificationB),
            Key(A, persona, CredentialSlot.SurfaceVerificationA));
        return files;
    }

    private static Dictionary<ushort, CardFile> BuildText(Persona persona, CvcHierarchy cvc, CardSigningKey published, CardSigningKey chip)
    {
        var issuer = cvc.TextIssuer.Key;
        var holder = persona.Holder;

        // EF 0001: FF 10 0C + 12 digits + FF FF filler (17 physical bytes).
        var myNumber = Tlv.Concat(Tlv.Encode(0xFF10, Encoding.ASCII.GetBytes(persona.MyNumber)), [0xFF, 0xFF]);

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

        // EF 0005 AP basic info.
        var info = Tlv.Constructed(0xFF40,
            Tlv.Encode(0xDF41, [0x01, 0x03, 0x0E, 0x01]),
            Tlv.Encode(0xDF42, cvc.TextIssuer.KeyId),
            Tlv.Encode(0xDF43, DeterministicRandom.Bytes(persona.DataIdentity, "text-df43", 128)));

        // EF 0006: A1 { key field } (secure-messaging key; SM itself is not implemented).
        var smKey = Tlv.Encode(0xA1, published.EncodePublicKeyField());

        // EF 0007: FF50 { DF51 AP signing key, DF52 sig(DF51) }.
        var df51 = Tlv.Encode(0xDF51, published.EncodePublicKeyField());
        var signedKey = Tlv.Constructed(0xFF50, df51, Tlv.Encode(0xDF52, issuer.SignMessage(df51)));

        const ushort Pin = 0x0011, Blocked = 0x0012, A = 0x0014, B = 0x0015;
        var files = Files(
            new BinaryFile(0x0001, myNumber, AccessRule.Keys(Pin, A)),
            new BinaryFile(0x0002, basicFour, AccessRule.Keys(Pin, B)),
            new BinaryFile(0x0003, integrity, AccessRule.Keys(Pin, A, B)),
            new BinaryFile(0x0004, cvc.TextCvc, AccessRule.Always),
            new BinaryFile(0x0005, info, AccessRule.Always),
            new BinaryFile(0x0006, smKey, AccessRule.Keys(Pin, A, B)),
            new BinaryFile(0x0007, signedKey, AccessRule.Keys(Pin, A, B)),
            Key(Pin, persona, CredentialSlot.TextPin),
            new KeyReferenceFile(Blocked, null, DeterministicRandom.Bytes(persona.DataIdentity, "text-0012", 8), 3, 0),
            new PrivateKeyFile(0x0013, chip, AccessRule.Keys(Pin, A, B)),
            Key(A, persona, CredentialSlot.TextVerificationA),
            Key(B, persona, CredentialSlot.TextVerificationB));
        return files;
    }

    private Dictionary<ushort, CardFile> BuildJpki(Persona persona)
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

        const ushort AuthPin = 0x0018, SignPassword = 0x001B;
        var files = new List<CardFile>
        {
            new BinaryFile(0x0002, jpki.SignCa.GetEncoded(), AccessRule.Always),
            new BinaryFile(0x0006, TokenInfo(), AccessRule.Always),
            new BinaryFile(0x0008, [0x01, (byte)(persona.HasSignCertificate ? 0x01 : 0x00), 0x00], AccessRule.Always),
            new BinaryFile(0x000A, authCert.GetEncoded(), AccessRule.Always),
            new BinaryFile(0x000B, jpki.AuthCa.GetEncoded(), AccessRule.Always),
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
            files.Add(new BinaryFile(0x0001, signCert.GetEncoded(), AccessRule.Keys(SignPassword)));
            files.Add(new PrivateKeyFile(0x001A, signChip, AccessRule.Keys(SignPassword)));
            files.Add(Key(SignPassword, persona, CredentialSlot.JpkiSignPassword));
        }

        return Files([.. files]);
    }

    private static byte[] TokenInfo()
    {
        // PKCS#11 CK_TOKEN_INFO with 4-byte CK_ULONGs: 160 bytes. Only the label is documented; the rest is our choice.
        var info = new byte[160];
        void Text(int offset, int length, string value)
        {
            info.AsSpan(offset, length).Fill((byte)' ');
            Encoding.ASCII.GetBytes(value, info.AsSpan(offset));
        }

        Text(0, 32, "JPKIAPICCTOKEN2");
        Text(32, 32, "J-LIS");
        Text(64, 16, "JPKI-TEST");
        Text(80, 16, "0000000000000000");
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(96), 0x0000040C); // LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
        Text(144, 16, "                ");
        return info;
    }

    private static Dictionary<ushort, CardFile> BuildJuki(Persona persona)
    {
        const ushort Pin = 0x001C;
        var files = Files(
            new BinaryFile(0x0001, Encoding.ASCII.GetBytes(persona.ResidentRecordCode), AccessRule.Keys(Pin)),
            new BinaryFile(0x0002, DeterministicRandom.Bytes(persona.DataIdentity, "juki-0002", 16), AccessRule.Always),
            Key(Pin, persona, CredentialSlot.JukiPin));
        return files;
    }

    private static Dictionary<ushort, CardFile> BuildCommon(Persona persona)
    {
        var record = Tlv.Encode(0x01, Encoding.ASCII.GetBytes(persona.CardSerial + persona.MunicipalityCode + Digits8(persona.ExpiryDate)));
        var files = Files(
            new RecordFile(0x0001, [record], AccessRule.Always),
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
