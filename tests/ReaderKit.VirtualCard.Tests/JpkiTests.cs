using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests;

public sealed class JpkiTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    private static readonly byte[] Sha256Prefix = Hex.Bytes("3031300D060960864801650304020105000420");

    private static X509Certificate ReadCert(VirtualMyNumberCard card, ushort fid)
    {
        card.SelectEf(fid);
        var header = card.Send("00B0000004").Data();
        var total = (header[2] << 8) + header[3] + 4; // OpenSC's length rule
        var physical = card.ReadAll(0x100);
        Assert.True(physical.Length > total, "the certificate EF carries filler after the DER object");
        Assert.All(physical[total..], b => Assert.Equal(0xFF, b));
        return new X509CertificateParser().ReadCertificate(physical[..total]);
    }

    [Fact]
    public void Auth_certificate_and_ca_are_readable_without_pin_and_chain_to_the_test_root()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        var auth = ReadCert(card, 0x000A);
        var ca = ReadCert(card, 0x000B);
        Assert.Contains("O=JPKI-TEST", ca.SubjectDN.ToString(), StringComparison.Ordinal);
        Assert.Contains("OU=JPKI for user authentication", ca.SubjectDN.ToString(), StringComparison.Ordinal);
        Assert.Equal("1.2.840.113549.1.1.11", auth.SigAlgOid); // sha256WithRSAEncryption
        auth.Verify(ca.GetPublicKey());
        ca.Verify(ca.GetPublicKey());
        Assert.Equal(ca.GetEncoded(), Convert.FromBase64String(TrustJson.Roots(CardFixture.Pki)[0]));

        // Path validation with BouncyCastle's PKIX at a date inside the holder certificate's validity.
        var anchors = new HashSet<TrustAnchor> { new(ca, null) };
        var parameters = new PkixParameters(anchors) { IsRevocationEnabled = false, Date = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc) };
        var path = new PkixCertPath([auth]);
        new PkixCertPathValidator().Validate(path, parameters);
        Assert.Equal(new DateTime(2028, 6, 14, 14, 59, 59, DateTimeKind.Utc), auth.NotAfter.ToUniversalTime()); // 5th birthday after issue, 23:59:59 JST
    }

    [Fact]
    public void Sign_certificate_needs_the_sign_password_and_carries_the_holder_facts()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x0001);
        Assert.Equal("6982", card.Send("00B0000004").SwHex());
        card.SelectEf(0x001B);
        Assert.Equal("63C5", card.Send("00200080").SwHex());
        Assert.Equal("9000", card.VerifyAscii(card.Persona.SignPassword!).SwHex());
        var sign = ReadCert(card, 0x0001);
        var signCa = ReadCert(card, 0x0002);
        sign.Verify(signCa.GetPublicKey());
        Assert.Contains("L=Tokyo-to", sign.SubjectDN.ToString(), StringComparison.Ordinal);
        var altNames = sign.GetSubjectAlternativeNameExtension();
        Assert.NotNull(altNames);
        Assert.Contains(card.Persona.Holder.FullName, System.Text.Encoding.UTF8.GetString(sign.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.SubjectAlternativeName).GetOctets()), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_info_and_presence_flags()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x0006);
        var token = card.ReadAll(0xFF);
        Assert.Equal(160, token.Length);
        Assert.StartsWith("JPKIAPICCTOKEN2 ", System.Text.Encoding.ASCII.GetString(token, 0, 32), StringComparison.Ordinal);
        Assert.Equal("00000000000000000000000000000001", System.Text.Encoding.ASCII.GetString(token, 32, 32));
        Assert.StartsWith("E16R01NJ", System.Text.Encoding.ASCII.GetString(token, 64, 16), StringComparison.Ordinal);
        Assert.Equal("0000040D", Hex.Of(token.AsSpan(96, 4)));
        Assert.Equal("0000001000000006", Hex.Of(token.AsSpan(116, 8))); // max / min PIN length 16 / 6
        Assert.Equal("0301", System.Text.Encoding.ASCII.GetString(token, 140, 4));
        card.SelectEf(0x0008);
        Assert.Equal("8F8F00", Hex.Of(card.ReadAll())); // sign cert, auth cert, 00 (soltia48/myna-card)
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x04)]
    [InlineData(0x05)]
    public void Auth_key_signs_with_every_scheme(byte scheme)
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        var cert = ReadCert(card, 0x000A);
        var key = cert.GetPublicKey();
        card.SelectEf(0x0018);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.AuthPin!).SwHex());
        card.SelectEf(0x0017);
        var message = "ReaderKit JPKI scheme test"u8.ToArray();
        var hash = SHA256.HashData(message);
        byte[] input = scheme switch
        {
            0x00 => [.. Sha256Prefix, .. hash],
            0x02 or 0x04 => hash,
            _ => message,
        };
        var r = card.ProcessApdu([0x80, 0x2A, scheme, 0x80, (byte)input.Length, .. input, 0x00]);
        Assert.Equal("9000", r.SwHex());
        var signature = r.Data();
        Assert.Equal(256, signature.Length);
        switch (scheme)
        {
            case 0x00 or 0x02 or 0x03:
                Assert.True(Verifier.VerifyMessage(key, message, signature));
                break;
            case 0x01:
                Assert.Equal(hash, Verifier.RecoverPkcs1(key, signature));
                break;
            default:
                var pss = PssSigner.CreateRawSigner(new RsaEngine(), new Sha256Digest());
                pss.Init(false, key);
                pss.BlockUpdate(hash, 0, hash.Length);
                Assert.True(pss.VerifySignature(signature));
                break;
        }
    }

    [Fact]
    public void Signing_rules_pin_key_reference_p1_and_lengths()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x0017);
        var digestInfo = Hex.Of([.. Sha256Prefix, .. new byte[32]]);
        Assert.Equal("6982", card.Send("802A008033" + digestInfo + "00").SwHex());
        card.SelectEf(0x0018);
        card.VerifyAscii(card.Persona.AuthPin!);
        Assert.Equal("6A86", card.Send("802A068033" + digestInfo + "00").SwHex());
        Assert.Equal("6A86", card.Send("802A000133" + digestInfo + "00").SwHex());
        Assert.Equal("6A88", card.Send("802A008033" + digestInfo + "00").SwHex()); // current EF is the PIN, not a key
        Assert.Equal("9000", card.Send("802A009733" + digestInfo + "00").SwHex()); // P2 = 80 + SFI 17
        Assert.Equal("6982", card.Send("802A009A33" + digestInfo + "00").SwHex()); // sign key needs the password
        Assert.Equal("6700", card.Send("802A0297053132333435" + "00").SwHex()); // P1=02 needs 32 bytes
        Assert.Equal("6700", card.Send("802A04971F" + Hex.Of(new byte[31]) + "00").SwHex());
        var tooLong = new byte[246];
        Assert.Equal("6700", card.ProcessApdu([0x80, 0x2A, 0x00, 0x97, 0xF6, .. tooLong, 0x00]).SwHex());
    }

    [Fact]
    public void Face_auth_only_card_has_an_auth_certificate_but_no_sign_certificate()
    {
        var card = fixture.Card("face-auth-only");
        card.SelectAp(ApplicationKind.Jpki);
        _ = ReadCert(card, 0x000A);
        card.SelectEf(0x0008);
        Assert.Equal("008F00", Hex.Of(card.ReadAll()));
        Assert.Equal("6A82", card.Send("00A4020C02001A").SwHex());
    }

    [Fact]
    public void Expired_persona_certificates_are_expired()
    {
        var card = fixture.Card("expired");
        card.SelectAp(ApplicationKind.Jpki);
        var auth = ReadCert(card, 0x000A);
        Assert.True(auth.NotAfter.ToUniversalTime() < new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.False(auth.IsValid(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}
