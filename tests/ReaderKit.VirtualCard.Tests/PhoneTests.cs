using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.X509;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Tests;

/// <summary>The smartphone persona: Type A identity, JPKI applet only, GPSE token, auth certificate behind the auth PIN.</summary>
public sealed class PhoneTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    private static readonly byte[] Sha256Prefix = Hex.Bytes("3031300D060960864801650304020105000420");

    private static byte[] ReadWhole(VirtualMyNumberCard card, ushort fid)
    {
        card.SelectEf(fid);
        var header = card.Send("00B0000004").Data();
        var total = (header[2] << 8) + header[3] + 4;
        return card.ReadAll(0x100)[..total];
    }

    [Fact]
    public void A_phone_presents_type_a_and_no_type_b()
    {
        var phone = fixture.Card("phone");
        Assert.True(phone.Profile.IsPhone);
        Assert.Empty(phone.Atqb);
        Assert.Equal(Hex.Bytes("0004"), phone.Atqa);
        Assert.Equal(0x20, phone.Sak);
        Assert.Equal(Hex.Bytes("0578807002"), phone.Ats);
        var uid = phone.Uid;
        Assert.Equal(4, uid.Length);
        Assert.Equal(0x08, uid[0]);
        Assert.Equal(uid, phone.Uid); // stable while the field is on
        Assert.Equal(Hex.Bytes("3B80800101"), phone.PseudoAtr);

        var card = fixture.Card();
        Assert.Empty(card.Atqa);
        Assert.Equal(12, card.Atqb.Length);
    }

    [Fact]
    public void Only_the_jpki_applet_answers_and_its_token_is_gpse()
    {
        var phone = fixture.Card("phone");
        foreach (var kind in new[] { ApplicationKind.Surface, ApplicationKind.Text, ApplicationKind.Juki, ApplicationKind.Common })
        {
            var aid = MyNumberCardAids.Of(kind);
            Assert.Equal("6A82", phone.ProcessApdu([0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid]).SwHex());
        }

        phone.SelectAp(ApplicationKind.Jpki);
        phone.SelectEf(0x0006);
        Assert.StartsWith("JPKIAPGPSETOKEN ", System.Text.Encoding.ASCII.GetString(phone.ReadAll(0xFF), 0, 32), StringComparison.Ordinal);
    }

    [Fact]
    public void The_auth_certificate_needs_the_auth_pin_on_a_phone_but_not_on_a_card()
    {
        var phone = fixture.Card("phone");
        phone.SelectAp(ApplicationKind.Jpki);
        phone.SelectEf(0x000A);
        Assert.Equal("6982", phone.Send("00B0000004").SwHex());
        phone.SelectEf(0x0018);
        Assert.Equal("63C3", phone.Send("00200080").SwHex());
        Assert.Equal("63C2", phone.VerifyAscii("0000" == phone.Persona.AuthPin ? "1111" : "0000").SwHex());
        Assert.Equal("9000", phone.VerifyAscii(phone.Persona.AuthPin!).SwHex());
        var certificate = new X509CertificateParser().ReadCertificate(ReadWhole(phone, 0x000A));
        Assert.Contains("CN=", certificate.SubjectDN.ToString(), StringComparison.Ordinal);

        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x000A);
        Assert.Equal("9000", card.Send("00B0000004").SwHex());
    }

    [Fact]
    public void A_blocked_phone_pin_answers_63C0_and_releases_nothing()
    {
        var phone = fixture.Card("phone-pin-blocked");
        phone.SelectAp(ApplicationKind.Jpki);
        phone.SelectEf(0x0018);
        Assert.Equal("63C0", phone.Send("00200080").SwHex());
        Assert.Equal("6984", phone.VerifyAscii(phone.Persona.AuthPin!).SwHex());
        phone.SelectEf(0x000A);
        Assert.Equal("6982", phone.Send("00B0000004").SwHex());
    }

    [Theory]
    [InlineData("phone", true)]
    [InlineData("phone-replay", false)]
    public void The_auth_key_signs_a_challenge_that_the_certificate_verifies_only_on_the_genuine_phone(string persona, bool verifies)
    {
        var phone = fixture.Card(persona);
        phone.SelectAp(ApplicationKind.Jpki);
        phone.SelectEf(0x0017);
        var nonce = RandomNumberGenerator.GetBytes(32);
        byte[] digestInfo = [.. Sha256Prefix, .. SHA256.HashData(nonce)];
        Assert.Equal("6982", phone.ProcessApdu([0x80, 0x2A, 0x00, 0x80, (byte)digestInfo.Length, .. digestInfo, 0x00]).SwHex());
        phone.SelectEf(0x0018);
        Assert.Equal("9000", phone.VerifyAscii(phone.Persona.AuthPin!).SwHex());
        var certificate = new X509CertificateParser().ReadCertificate(ReadWhole(phone, 0x000A));
        phone.SelectEf(0x0017);
        var response = phone.ProcessApdu([0x80, 0x2A, 0x00, 0x80, (byte)digestInfo.Length, .. digestInfo, 0x00]);
        Assert.Equal("9000", response.SwHex());
        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(false, certificate.GetPublicKey());
        signer.BlockUpdate(nonce, 0, nonce.Length);
        Assert.Equal(verifies, signer.VerifySignature(response.Data()));
    }

    [Fact]
    public void The_replaying_phone_carries_the_genuine_phones_certificate()
    {
        var genuine = fixture.Card("phone");
        var replay = fixture.Card("phone-replay");
        byte[] Certificate(VirtualMyNumberCard p)
        {
            p.SelectAp(ApplicationKind.Jpki);
            p.SelectEf(0x0018);
            Assert.Equal("9000", p.VerifyAscii(p.Persona.AuthPin!).SwHex());
            return ReadWhole(p, 0x000A);
        }

        Assert.Equal(Certificate(genuine), Certificate(replay));
    }

    [Fact]
    public void The_phone_profile_is_listed_and_phones_are_kept_out_of_the_card_personas()
    {
        Assert.Contains(CardProfile.Phone, CardProfile.All);
        Assert.All(PersonaCatalog.Phones, p => Assert.True(p.Profile.IsPhone));
        Assert.DoesNotContain(PersonaCatalog.All, p => p.Profile.IsPhone);
        Assert.Equal(CardProfile.Phone, PersonaCatalog.Get("phone-replay").Profile);
    }
}
