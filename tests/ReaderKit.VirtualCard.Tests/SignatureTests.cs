using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests;

/// <summary>Every signed structure checked with BouncyCastle from public keys only (trust anchor from the trust JSON).</summary>
public sealed class SignatureTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    private static readonly byte[] ThreeDigestPrefix = Hex.Bytes("3071300D060960864801650304020105000460");

    public static TheoryData<string> SignedPersonas => ["yamada-taro", "next-gen", "foreign-resident"];

    private static CardKeyAlgorithm AlgorithmOf(string persona) => persona == "next-gen" ? CardKeyAlgorithm.EcdsaP384 : CardKeyAlgorithm.Rsa2048;

    private static AsymmetricKeyParameter Anchor(CardKeyAlgorithm algorithm, string number)
    {
        var anchor = CardFixture.Pki.Cvc(algorithm).TrustAnchors.Single(a => Encoding.ASCII.GetString(a.KeyId, 0, 7) == number);
        return anchor.Key.PublicKey; // public half only
    }

    /// <summary>Reads a protected surface or text EF after VERIFY 照合番号B (and A where needed) through APDUs.</summary>
    private static byte[] ReadWith(VirtualMyNumberCard card, ApplicationKind ap, ushort keyFid, string secret, ushort fid)
    {
        card.SelectAp(ap);
        card.SelectEf(keyFid);
        Assert.Equal("9000", card.VerifyAscii(secret).SwHex());
        card.SelectEf(fid);
        return card.ReadObject(0xFF);
    }

    private static (byte[] Issuer, byte[] Subject, AsymmetricKeyParameter Key) VerifiedCvc(VirtualMyNumberCard card, ApplicationKind ap, string anchorNumber)
    {
        card.SelectAp(ap);
        card.SelectEf(0x0004);
        var raw = card.ReadObject();
        var cvc = Verifier.ParseCvc(raw);
        var algorithm = card.Persona.Algorithm;
        if (algorithm == CardKeyAlgorithm.Rsa2048)
        {
            Assert.Equal(568, raw.Length);
            Assert.Equal("7F21820233", Hex.Of(raw.AsSpan(0, 5)));
            Assert.Equal("5F4E820129", Hex.Of(raw.AsSpan(5, 5)));
            Assert.Equal(297, cvc.Body.Length);
            Assert.Equal("9003010001918201 00".Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Of(cvc.Body.AsSpan(32, 9)));
        }

        Assert.Equal(anchorNumber, Encoding.ASCII.GetString(cvc.Issuer, 0, 7));
        Assert.Equal("0805", Hex.Of(cvc.Issuer.AsSpan(7, 2)));
        Assert.Equal(algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002", Encoding.ASCII.GetString(cvc.Issuer, 9, 3));
        Assert.Equal("00000000", Hex.Of(cvc.Issuer.AsSpan(12)));

        // The subject is the municipality's own issuer key: code + 21 (surface, as read on a test card) / 31 (text) [U].
        var municipal = card.Persona.MunicipalityCode + (ap == ApplicationKind.Surface ? "21" : "31");
        Assert.Equal(municipal, Encoding.ASCII.GetString(cvc.Subject, 0, 7));
        Assert.Equal(algorithm == CardKeyAlgorithm.Rsa2048 ? "000" : "002", Encoding.ASCII.GetString(cvc.Subject, 9, 3));
        Assert.True(Verifier.VerifyMessage(Anchor(algorithm, anchorNumber), cvc.Body, cvc.Signature));
        return (cvc.Issuer, cvc.Subject, cvc.SubjectKey);
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Surface_card_face_df28_verifies_over_the_three_digest_construction(string persona)
    {
        var card = fixture.Card(persona);
        var (_, _, issuerKey) = VerifiedCvc(card, ApplicationKind.Surface, "6000023");
        var face = ReadWith(card, ApplicationKind.Surface, 0x0012, card.Persona.VerificationNumberB, 0x0002);
        Assert.Equal(fixture.Image(persona).ReadFile(ApplicationKind.Surface, 0x0002), face);
        Assert.Equal("FF2082", Hex.Of(face.AsSpan(0, 3)));

        var outer = TlvNode.ParseOne(face);
        var children = TlvNode.ParseAll(outer.Value, outer.HeaderLength);
        Assert.Equal(new[] { 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A }, children.Select(c => c.Tag));

        // DF21 offsets point at each following object's tag, from the file start.
        var table = children[0].Value;
        Assert.Equal(18, table.Length);
        for (var i = 1; i < children.Count; i++)
        {
            Assert.Equal(children[i].Offset, BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(2 * (i - 1))));
        }

        byte[] Tlvs(params int[] tags) => [.. children.Where(c => tags.Contains(c.Tag)).SelectMany(c => c.Encoded(face))];
        var g1 = Tlvs(0xDF22, 0xDF23, 0xDF24);
        var g2 = Tlvs(0xDF25, 0xDF26);
        var g3 = Tlvs(0xDF27);
        var signature = children.Single(c => c.Tag == 0xDF28).Value;
        if (card.Persona.Algorithm == CardKeyAlgorithm.Rsa2048)
        {
            Assert.Equal(256, signature.Length);
            byte[] expected = [.. ThreeDigestPrefix, .. SHA256.HashData(g1), .. SHA256.HashData(g2), .. SHA256.HashData(g3)];
            Assert.Equal(115, expected.Length);
            Assert.Equal(expected, Verifier.RecoverPkcs1(issuerKey, signature));
        }
        else
        {
            var digest = SHA384.HashData([.. SHA384.HashData(g1), .. SHA384.HashData(g2), .. SHA384.HashData(g3)]);
            Assert.True(Verifier.VerifyEcdsaHash(issuerKey, digest, signature));
        }

        // Contents: DOB, sex, expiry, photo, PNGs.
        Assert.Equal(card.Persona.Holder.DateOfBirthDigits, Encoding.ASCII.GetString(children[1].Value));
        Assert.Equal(card.Persona.Holder.SexDigit, (char)children[2].Value[0]);
        Assert.Equal(card.Persona.ExpiryDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(children[8].Value));
        Assert.Equal(SyntheticPhoto.For(card.Persona), children[6].Value);
        foreach (var png in new[] { children[4].Value, children[5].Value, children[9].Value })
        {
            Assert.Equal("89504E470D0A1A0A", Hex.Of(png.AsSpan(0, 8)));
        }
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Surface_chip_challenge_verifies_against_df24(string persona)
    {
        var card = fixture.Card(persona);
        var face = ReadWith(card, ApplicationKind.Surface, 0x0012, card.Persona.VerificationNumberB, 0x0002);
        var outer = TlvNode.ParseOne(face);
        var df24 = TlvNode.ParseAll(outer.Value).Single(c => c.Tag == 0xDF24).Value;
        var chipKey = Verifier.PublicKeyFromField(df24);
        Assert.True(ChallengeVerifies(card, chipKey));
    }

    [Fact]
    public void Clone_data_verifies_but_its_challenge_fails()
    {
        var card = fixture.Card("clone");
        var (_, _, issuerKey) = VerifiedCvc(card, ApplicationKind.Surface, "6000023");
        var face = ReadWith(card, ApplicationKind.Surface, 0x0012, card.Persona.VerificationNumberB, 0x0002);
        Assert.Equal(fixture.Image("yamada-taro").ReadFile(ApplicationKind.Surface, 0x0002), face);
        var children = TlvNode.ParseAll(TlvNode.ParseOne(face).Value);
        var chipKey = Verifier.PublicKeyFromField(children.Single(c => c.Tag == 0xDF24).Value);
        Assert.NotNull(issuerKey);
        Assert.False(ChallengeVerifies(card, chipKey));

        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0015);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        Assert.False(ChallengeVerifies(card, chipKey));
    }

    [Fact]
    public void Challenge_needs_no_credential_and_checks_p1_p2_and_length()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        var digestInfo = Hex.Of([.. Hex.Bytes("3031300D060960864801650304020105000420"), .. new byte[32]]);
        Assert.Equal("9000", card.Send("802A000033" + digestInfo + "00").SwHex()); // real cards: no credential (soltia48/myna-card)

        var strict = new VirtualMyNumberCard(fixture.Image("yamada-taro") with { Profile = Profiles.CardProfile.StrictChallenge });
        strict.SelectAp(ApplicationKind.Surface);
        Assert.Equal("6982", strict.Send("802A000033" + digestInfo + "00").SwHex()); // the stricter rule, kept as an option
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        Assert.Equal("6A86", card.Send("802A010033" + digestInfo + "00").SwHex());
        Assert.Equal("6A86", card.Send("802A008033" + digestInfo + "00").SwHex());
        Assert.Equal("6700", card.Send("802A00000000").SwHex());
        Assert.Equal("9000", card.Send("802A000033" + digestInfo + "00").SwHex());
    }

    private static bool ChallengeVerifies(VirtualMyNumberCard card, AsymmetricKeyParameter chipKey)
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        if (chipKey is Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters)
        {
            byte[] digestInfo = [.. Hex.Bytes("3031300D060960864801650304020105000420"), .. SHA256.HashData(nonce)];
            var r = card.ProcessApdu([0x80, 0x2A, 0x00, 0x00, (byte)digestInfo.Length, .. digestInfo, 0x00]);
            Assert.Equal("9000", r.SwHex());
            Assert.Equal(256, r.Data().Length);
            try
            {
                return Verifier.RecoverPkcs1(chipKey, r.Data()).SequenceEqual(digestInfo);
            }
            catch (InvalidCipherTextException)
            {
                return false;
            }
        }

        var hash = SHA384.HashData(nonce);
        var ec = card.ProcessApdu([0x80, 0x2A, 0x00, 0x00, 0x30, .. hash, 0x00]);
        Assert.Equal("9000", ec.SwHex());
        return Verifier.VerifyEcdsaHash(chipKey, hash, ec.Data());
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Text_integrity_record_df31_df32_df33_verify(string persona)
    {
        var card = fixture.Card(persona);
        var (_, _, issuerKey) = VerifiedCvc(card, ApplicationKind.Text, "6000033");
        var attributes = ReadWith(card, ApplicationKind.Text, 0x0011, card.Persona.TextPin!, 0x0002);
        card.SelectEf(0x0001);
        var myNumber = card.ReadAll();
        card.SelectEf(0x0003);
        var integrity = card.ReadObject();

        Assert.Equal(17, myNumber.Length);
        Assert.Equal("FF100C", Hex.Of(myNumber.AsSpan(0, 3)));
        Assert.Equal(card.Persona.MyNumber, Encoding.ASCII.GetString(myNumber, 3, 12));
        Assert.Equal("FFFF", Hex.Of(myNumber.AsSpan(15)));

        var outer = TlvNode.ParseOne(attributes);
        var children = TlvNode.ParseAll(outer.Value, outer.HeaderLength);
        Assert.Equal(new[] { 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25 }, children.Select(c => c.Tag));
        for (var i = 1; i < children.Count; i++)
        {
            Assert.Equal(children[i].Offset, BinaryPrimitives.ReadUInt16BigEndian(children[0].Value.AsSpan(2 * (i - 1))));
        }

        Assert.Equal(card.Persona.Holder.FullName, Encoding.UTF8.GetString(children[1].Value));
        Assert.Equal(card.Persona.Holder.Address, Encoding.UTF8.GetString(children[2].Value));
        Assert.Equal(card.Persona.Holder.DateOfBirthDigits, Encoding.ASCII.GetString(children[3].Value));
        Assert.Equal(card.Persona.Holder.SexDigit.ToString(), Encoding.ASCII.GetString(children[4].Value));

        var rsa = card.Persona.Algorithm == CardKeyAlgorithm.Rsa2048;
        Func<byte[], byte[]> hash = rsa ? SHA256.HashData : SHA384.HashData;
        var record = TlvNode.ParseAll(TlvNode.ParseOne(integrity).Value);
        if (rsa)
        {
            Assert.Equal(336, integrity.Length);
            Assert.Equal("FF3082014B", Hex.Of(integrity.AsSpan(0, 5)));
        }

        Assert.Equal(hash(myNumber), record.Single(r => r.Tag == 0xDF31).Value);
        byte[] attributeTlvs = [.. children.Skip(1).SelectMany(c => c.Encoded(attributes))];
        Assert.Equal(hash(attributeTlvs), record.Single(r => r.Tag == 0xDF32).Value);
        var outerIntegrity = TlvNode.ParseOne(integrity);
        var signed = outerIntegrity.Value.AsSpan(0, record[0].TotalLength + record[1].TotalLength).ToArray();
        Assert.Equal(rsa ? 70 : 102, signed.Length);
        Assert.True(Verifier.VerifyMessage(issuerKey, signed, record.Single(r => r.Tag == 0xDF33).Value));
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Text_ef0007_signed_card_key_verifies_and_matches_the_text_challenge(string persona)
    {
        var card = fixture.Card(persona);
        var (_, _, issuerKey) = VerifiedCvc(card, ApplicationKind.Text, "6000033");
        var signedKey = ReadWith(card, ApplicationKind.Text, 0x0015, card.Persona.VerificationNumberB, 0x0007);
        var children = TlvNode.ParseAll(TlvNode.ParseOne(signedKey).Value);
        var df51 = children.Single(c => c.Tag == 0xDF51);
        Assert.True(Verifier.VerifyMessage(issuerKey, df51.Encoded(TlvNode.ParseOne(signedKey).Value), children.Single(c => c.Tag == 0xDF52).Value));
        Assert.True(ChallengeVerifies(card, Verifier.PublicKeyFromField(df51.Value)));
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Age_record_and_my_number_image_verify(string persona)
    {
        var card = fixture.Card(persona);
        var (_, _, issuerKey) = VerifiedCvc(card, ApplicationKind.Surface, "6000023");
        var age = ReadWith(card, ApplicationKind.Surface, 0x0011, card.Persona.BirthDateKey, 0x0001);
        if (card.Persona.Algorithm == CardKeyAlgorithm.Rsa2048)
        {
            Assert.Equal("FF1082021E", Hex.Of(age.AsSpan(0, 5)));
        }

        var ageValue = TlvNode.ParseOne(age).Value;
        var ageNodes = TlvNode.ParseAll(ageValue);
        Assert.Equal(card.Persona.Holder.DateOfBirthDigits, Encoding.ASCII.GetString(ageNodes[0].Value));
        byte[] ageSigned = [.. ageNodes[0].Encoded(ageValue), .. ageNodes[1].Encoded(ageValue)];
        Assert.True(Verifier.VerifyMessage(issuerKey, ageSigned, ageNodes.Single(n => n.Tag == 0xDF13).Value));

        var image = ReadWith(card, ApplicationKind.Surface, 0x0013, card.Persona.VerificationNumberA, 0x0005);
        var imageValue = TlvNode.ParseOne(image).Value;
        var imageNodes = TlvNode.ParseAll(imageValue);
        Assert.Equal(new[] { 0xDF41, 0xDF42, 0xDF43 }, imageNodes.Select(n => n.Tag));
        byte[] imageSigned = [.. imageNodes[0].Encoded(imageValue), .. imageNodes[1].Encoded(imageValue)];
        Assert.True(Verifier.VerifyMessage(issuerKey, imageSigned, imageNodes[2].Value));
    }

    [Theory]
    [MemberData(nameof(SignedPersonas))]
    public void Mf_get_data_chain_verifies_from_6000020(string persona)
    {
        var card = fixture.Card(persona);
        var response = card.Send("00CA00F800");
        if (card.Persona.Algorithm == CardKeyAlgorithm.Rsa2048)
        {
            // 563 bytes with a short Le: the card wants an extended Le (6700), as soltia48/myna-card found.
            Assert.Equal("6700", response.SwHex());
            response = card.Send("00CA00F8000000");
        }

        var upperAll = new List<byte>(response.Data());
        Assert.Equal("9000", response.SwHex());
        var upperCvc = Verifier.ParseCvc([.. upperAll]);
        Assert.Equal("6000020", Encoding.ASCII.GetString(upperCvc.Issuer, 0, 7));
        Assert.True(Verifier.VerifyMessage(Anchor(card.Persona.Algorithm, "6000020"), upperCvc.Body, upperCvc.Signature));

        var lower = card.Send("00CA7F21000000"); // extended Le 0000 → 65536
        Assert.Equal("9000", lower.SwHex());
        var lowerCvc = Verifier.ParseCvc(lower.Data());
        Assert.Equal(upperCvc.Subject, lowerCvc.Issuer);
        Assert.True(Verifier.VerifyMessage(upperCvc.SubjectKey, lowerCvc.Body, lowerCvc.Signature));
        Assert.Equal(upperCvc.Subject, card.Send("00CA00F700").Data());
    }
}

public sealed class TamperTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void With_file_replaces_one_ef_and_breaks_only_its_signature()
    {
        var image = fixture.Image("yamada-taro");
        var original = image.ReadFile(ApplicationKind.Surface, 0x0002);
        var children = TlvNode.ParseAll(TlvNode.ParseOne(original).Value, 5);
        var photo = children.Single(c => c.Tag == 0xDF27);
        var tampered = image.WithFile(ApplicationKind.Surface, 0x0002, bytes =>
        {
            bytes[photo.Offset + photo.HeaderLength + 100] ^= 0x01; // one bit of the photo (group 3)
            return bytes;
        });

        Assert.Equal(original, image.ReadFile(ApplicationKind.Surface, 0x0002)); // the original image is unchanged
        var card = new VirtualMyNumberCard(tampered);
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        card.SelectEf(0x0002);
        var read = card.ReadObject(0xFF);
        Assert.NotEqual(original, read);
        Assert.Equal(original.Length, read.Length);

        card.SelectEf(0x0004);
        var cvc = Verifier.ParseCvc(card.ReadObject());
        var g3 = photo.Encoded(read);
        var expected = Verifier.RecoverPkcs1(cvc.SubjectKey, children.Single(c => c.Tag == 0xDF28).Value);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(g3), expected[^32..]);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(photo.Encoded(original)), expected[^32..]);
        Assert.Equal(image.ReadFile(ApplicationKind.Surface, 0x0004), tampered.ReadFile(ApplicationKind.Surface, 0x0004));
    }

    [Fact]
    public void With_data_object_and_unknown_file()
    {
        var image = fixture.Image("yamada-taro");
        var changed = image.WithDataObject(0x00F0, "99999"u8.ToArray());
        Assert.Equal("99999", System.Text.Encoding.ASCII.GetString(new VirtualMyNumberCard(changed).Send("00CA00F000").Data()));
        Assert.Equal("13101", System.Text.Encoding.ASCII.GetString(new VirtualMyNumberCard(image).Send("00CA00F000").Data()));
        Assert.Throws<KeyNotFoundException>(() => image.WithFile(ApplicationKind.Surface, 0x0012, b => b));
    }

    [Fact]
    public void Next_gen_challenge_needs_a_48_byte_hash()
    {
        var card = fixture.Card("next-gen");
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        Assert.Equal("6700", card.Send("802A000020" + Hex.Of(new byte[32]) + "00").SwHex());
        var r = card.Send("802A000030" + Hex.Of(new byte[48]) + "00");
        Assert.Equal("9000", r.SwHex());
        Assert.Equal(96, r.Data().Length);
    }
}
