using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Trust.Tests.Fixtures;

/// <summary>Options for a hand-built card (everything signed with BouncyCastle test keys).</summary>
internal sealed record TestCardSpec
{
    public DateOnly BirthDate { get; init; } = new(1980, 2, 17);
    public char Sex { get; init; } = '1';
    public DateOnly Expiry { get; init; } = new(2035, 2, 17);
    public string VerificationNumber { get; init; } = "55021720352285";
    public bool Ecdsa { get; init; }
    public int LeadingBytes { get; init; }
    public int Tries { get; init; } = 10;
    public string Name { get; init; } = "山田\u3000太郎";
    public string Address { get; init; } = "東京都千代田区霞が関１－２－２";
    public byte[]? Photo { get; init; }
    public bool OmitExpiry { get; init; }
}

/// <summary>
/// Hand-made, BouncyCastle-signed EF contents of a My Number Card (surface, text, common AP), with a test CA
/// hierarchy. Used before the virtual card existed and for byte-level tamper tests.
/// </summary>
internal sealed class TestCard
{
    public static readonly byte[] SurfaceCaKeyId = KeyId("6990023");
    public static readonly byte[] TextCaKeyId = KeyId("6990033");

    public TestCard(TestCardSpec spec, TestSigner ca, TestSigner surfaceIssuer, TestSigner textIssuer, TestSigner chip, TestSigner textChip)
    {
        Spec = spec;
        Ca = ca;
        Chip = chip;
        TextChip = textChip;
        SurfaceCvc = BuildCvc(SurfaceCaKeyId, KeyId("6123452"), surfaceIssuer, ca);
        TextCvc = BuildCvc(TextCaKeyId, KeyId("6123453"), textIssuer, ca);
        var photo = spec.Photo ?? [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, .. RandomNumberGenerator.GetBytes(600)];
        CardFace = BuildCardFace(spec, surfaceIssuer, chip.PublicKey.Encode(), photo);
        SurfaceApInfo = Tlv(0xFF30, [.. Tlv(0xDF31, [6, 3, 14, 1]), .. Tlv(0xDF32, KeyId("6123452")), .. Tlv(0xDF33, [1]), .. Tlv(0xDF34, "13101"u8.ToArray())]);
        (TextAttributes, TextIntegrity) = BuildText(spec, textIssuer);
        TextCardKey = BuildSigned(0xFF50, Tlv(0xDF51, textChip.PublicKey.Encode()), 0xDF52, textIssuer);
        AgeRecord = BuildSigned(0xFF10, [.. Tlv(0xDF11, Ascii(spec.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))), .. Tlv(0xDF12, chip.PublicKey.Encode())], 0xDF13, surfaceIssuer);
        CommonRecord = [0x01, 0x1C, .. Ascii("123456789012345" + "13101" + spec.Expiry.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))];
    }

    public TestCardSpec Spec { get; }
    public TestSigner Ca { get; }
    public TestSigner Chip { get; }
    public TestSigner TextChip { get; }
    public byte[] SurfaceCvc { get; set; }
    public byte[] TextCvc { get; set; }
    public byte[] CardFace { get; set; }
    public byte[] SurfaceApInfo { get; set; }
    public byte[] TextAttributes { get; set; }
    public byte[] TextIntegrity { get; set; }
    public byte[] TextCardKey { get; set; }
    public byte[] AgeRecord { get; set; }
    public byte[] CommonRecord { get; set; }

    /// <summary>A card with fresh chip keys and the shared issuer hierarchy.</summary>
    public static TestCard Create(TestCardSpec? spec = null)
    {
        spec ??= new TestCardSpec();
        return spec.Ecdsa
            ? new TestCard(spec, EcHierarchy.Value.Ca, EcHierarchy.Value.Surface, EcHierarchy.Value.Text, TestSigner.NewEc(), TestSigner.NewEc())
            : new TestCard(spec, TestSigner.Rsa(0), TestSigner.Rsa(1), TestSigner.Rsa(2), TestSigner.Rsa(3), TestSigner.Rsa(4));
    }

    private static readonly Lazy<(TestSigner Ca, TestSigner Surface, TestSigner Text)> EcHierarchy = new(() => (TestSigner.NewEc(), TestSigner.NewEc(), TestSigner.NewEc()));

    public static readonly byte[] MfCaKeyId = KeyId("6990020");

    /// <summary>
    /// The trust file for this card's CA in the role format: the one CA key under three key ids, one per role (surface-ap,
    /// text-ap, mf-chain), so a CVC naming the wrong id still verifies cryptographically and only the role can refuse it.
    /// Ids start with 6: test anchors.
    /// </summary>
    public string TrustJson(bool markTest = true)
    {
        string Entry(byte[] id, string role)
        {
            var test = markTest ? ",\"test\":true" : string.Empty;
            return Ca.PublicKey switch
            {
                RsaCardPublicKey r => $"{{\"keyId\":\"{Convert.ToHexString(id)}\",\"role\":\"{role}\",\"modulus\":\"{Convert.ToHexString(r.Modulus)}\",\"exponent\":\"{Convert.ToHexString(r.Exponent)}\"{test}}}",
                EcP384CardPublicKey e => $"{{\"keyId\":\"{Convert.ToHexString(id)}\",\"role\":\"{role}\",\"algorithm\":\"ecdsa-p384\",\"publicKey\":\"{Convert.ToHexString(e.Point)}\"{test}}}",
                _ => throw new InvalidOperationException(),
            };
        }

        return $"{{\"cvcIssuerKeys\":[{Entry(SurfaceCaKeyId, "surface-ap")},{Entry(TextCaKeyId, "text-ap")},{Entry(MfCaKeyId, "mf-chain")}],\"jpkiRoots\":[]}}";
    }

    public TrustStore TrustStore() => ReaderKit.Trust.TrustStore.Production.WithJson(TrustJson(), "test.json");

    /// <summary>This card's trust with the test-anchor opt-in (the hand-made hierarchy uses test key ids).</summary>
    public TrustOptions TrustOptions(bool allowTestAnchors = true) => new() { TrustStore = TrustStore(), AllowTestAnchors = allowTestAnchors };

    public CardEvidence Evidence() => new()
    {
        SurfaceCardFace = CardFace,
        SurfaceCertificate = SurfaceCvc,
        SurfaceApInfo = SurfaceApInfo,
        TextAttributes = TextAttributes,
        TextIntegrity = TextIntegrity,
        TextCertificate = TextCvc,
        TextCardKey = TextCardKey,
        CommonRecord = CommonRecord,
    };

    /// <summary>A channel answering APDUs from these files (see <see cref="FakeCardChannel"/>).</summary>
    public FakeCardChannel Channel(TestSigner? chipOverride = null) => new(this, chipOverride);

    public static byte[] KeyId(string sevenDigits) => [.. Ascii(sevenDigits), 0x08, 0x05, .. Ascii("001"), 0, 0, 0, 0];

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static byte[] Tlv(int tag, byte[] value) => BerTlvReader.Encode(tag, value);

    public static byte[] BuildCvc(byte[] issuerKeyId, byte[] subjectKeyId, TestSigner subject, TestSigner issuer) =>
        BuildCvc(issuerKeyId, subjectKeyId, subject.PublicKey, issuer);

    public static byte[] BuildCvc(byte[] issuerKeyId, byte[] subjectKeyId, CardPublicKey subjectKey, TestSigner issuer)
    {
        byte[] body = [.. issuerKeyId, .. subjectKeyId, .. subjectKey.Encode()];
        return Tlv(0x7F21, [.. Tlv(0x5F4E, body), .. Tlv(0x5F37, issuer.Sign(body))]);
    }

    /// <summary>Builds FF20 { DF21 table, fields… } with a real offset table (entry = tag offset from file start, as on a real card).</summary>
    public static byte[] WithOffsetTable(int outerTag, IReadOnlyList<byte[]> fields, int leadingBytes, int tableEntries)
    {
        var tableLength = 2 * tableEntries;
        var content = fields.SelectMany(f => f).ToArray();
        var tableTlvLength = 2 + 1 + tableLength;
        var innerLength = tableTlvLength + content.Length;
        var outerHeader = BerTlvReader.TagBytes(outerTag).Length + BerTlvReader.EncodeLength(innerLength).Length;
        var table = new byte[tableLength];
        var position = leadingBytes + outerHeader + tableTlvLength;
        for (var i = 0; i < tableEntries; i++)
        {
            table[2 * i] = (byte)(position >> 8);
            table[(2 * i) + 1] = (byte)position;
            position += fields[i].Length;
        }

        return [.. new byte[leadingBytes].Select(_ => (byte)0x00), .. Tlv(outerTag, [.. Tlv(0xDF21, table), .. content])];
    }

    private static byte[] BuildCardFace(TestCardSpec spec, TestSigner issuer, byte[] chipKey, byte[] photo)
    {
        var dob = Tlv(0xDF22, Ascii(spec.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)));
        var sex = Tlv(0xDF23, [(byte)spec.Sex]);
        var key = Tlv(0xDF24, chipKey);
        var name = Tlv(0xDF25, [0x89, 0x50, 0x4E, 0x47, .. Encoding.UTF8.GetBytes(spec.Name)]);
        var address = Tlv(0xDF26, [0x89, 0x50, 0x4E, 0x47, .. Encoding.UTF8.GetBytes(spec.Address)]);
        var picture = Tlv(0xDF27, photo);
        byte[] digests = [.. issuer.PublicKey.Digest([.. dob, .. sex, .. key]), .. issuer.PublicKey.Digest([.. name, .. address]), .. issuer.PublicKey.Digest(picture)];
        var signature = Tlv(0xDF28, issuer.SignCardFace(digests));
        var expiry = Tlv(0xDF29, Ascii(spec.Expiry.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)));
        var code = Tlv(0xDF2A, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        return spec.OmitExpiry
            ? WithOffsetTable(0xFF20, [dob, sex, key, name, address, picture, signature, code], spec.LeadingBytes, 8)
            : WithOffsetTable(0xFF20, [dob, sex, key, name, address, picture, signature, expiry, code], spec.LeadingBytes, 9);
    }

    private static (byte[] Attributes, byte[] Integrity) BuildText(TestCardSpec spec, TestSigner issuer)
    {
        byte[][] fields =
        [
            Tlv(0xDF22, Encoding.UTF8.GetBytes(spec.Name)),
            Tlv(0xDF23, Encoding.UTF8.GetBytes(spec.Address)),
            Tlv(0xDF24, Ascii(spec.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))),
            Tlv(0xDF25, [(byte)spec.Sex]),
        ];
        var attributes = WithOffsetTable(0xFF20, fields, spec.LeadingBytes, 4);
        var myNumberFile = MyNumberFile();
        byte[] signed = [.. Tlv(0xDF31, issuer.PublicKey.Digest(myNumberFile)), .. Tlv(0xDF32, issuer.PublicKey.Digest(fields.SelectMany(f => f).ToArray()))];
        var integrity = Tlv(0xFF30, [.. signed, .. Tlv(0xDF33, issuer.Sign(signed))]);
        return (attributes, integrity);
    }

    public static byte[] MyNumberFile() => [0xFF, 0x10, 0x0C, .. Ascii("123456789018"), 0xFF, 0xFF];

    private static byte[] BuildSigned(int outer, byte[] signedObjects, int signatureTag, TestSigner issuer) =>
        Tlv(outer, [.. signedObjects, .. Tlv(signatureTag, issuer.Sign(signedObjects))]);
}
