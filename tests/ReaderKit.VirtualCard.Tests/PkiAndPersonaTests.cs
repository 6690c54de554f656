using System.Text;
using System.Text.Json;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Tests;

internal static class TrustJson
{
    public static List<string> Roots(TestPki pki)
    {
        using var doc = JsonDocument.Parse(pki.ExportTrustJson());
        return [.. doc.RootElement.GetProperty("jpkiRoots").EnumerateArray().Select(e => e.GetProperty("certificate").GetString()!)];
    }
}

public sealed class PkiAndPersonaTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void Key_id_format_is_seven_digits_0805_three_digits_zero_padding()
    {
        var id = CvcKeyId.Create("6000023", "001");
        Assert.Equal("36303030303233" + "0805" + "303031" + "00000000", Hex.Of(id));
        Assert.Equal("6000023/001", CvcKeyId.Describe(id));
        Assert.Throws<ArgumentException>(() => CvcKeyId.Create("600002", "001"));
    }

    [Fact]
    public void Trust_json_lists_rsa_and_ecdsa_anchors_and_jpki_roots()
    {
        var pki = CardFixture.Pki;
        using var doc = JsonDocument.Parse(pki.ExportTrustJson());
        var keys = doc.RootElement.GetProperty("cvcIssuerKeys").EnumerateArray().ToList();
        Assert.Equal(6, keys.Count);
        var rsa = keys.Where(k => k.GetProperty("algorithm").GetString() == "rsa").ToList();
        var ec = keys.Where(k => k.GetProperty("algorithm").GetString() == "ecdsa-p384").ToList();
        Assert.Equal(3, rsa.Count);
        Assert.Equal(3, ec.Count);
        var surface = rsa.Single(k => k.GetProperty("keyId").GetString() == Convert.ToHexStringLower(CvcKeyId.Create("6000023", "001")));
        Assert.Equal(Convert.ToHexStringLower(pki.Cvc(CardKeyAlgorithm.Rsa2048).SurfaceCa.Key.RsaModulus), surface.GetProperty("modulus").GetString());
        Assert.Equal("010001", surface.GetProperty("exponent").GetString());
        Assert.Equal("surface-ap", surface.GetProperty("role").GetString());
        Assert.Equal(["mf-chain", "surface-ap", "text-ap"], rsa.Select(k => k.GetProperty("role").GetString()));
        Assert.All(keys, k => Assert.True(k.GetProperty("test").GetBoolean()));
        foreach (var k in ec)
        {
            var point = k.GetProperty("publicKey").GetString()!;
            Assert.Equal(194, point.Length);
            Assert.StartsWith("04", point, StringComparison.Ordinal);
            Assert.EndsWith("303032" + "00000000", k.GetProperty("keyId").GetString()!, StringComparison.Ordinal);
        }

        Assert.Equal(2, TrustJson.Roots(pki).Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_keys_and_card_bytes()
    {
        var a = CardSigningKey.Generate(CardKeyAlgorithm.Rsa2048, DeterministicRandom.Create("determinism", "rsa"));
        var b = CardSigningKey.Generate(CardKeyAlgorithm.Rsa2048, DeterministicRandom.Create("determinism", "rsa"));
        Assert.Equal(a.RsaModulus, b.RsaModulus);
        var c = CardSigningKey.Generate(CardKeyAlgorithm.EcdsaP384, DeterministicRandom.Create("determinism", "ec"));
        var d = CardSigningKey.Generate(CardKeyAlgorithm.EcdsaP384, DeterministicRandom.Create("determinism", "ec"));
        var e = CardSigningKey.Generate(CardKeyAlgorithm.EcdsaP384, DeterministicRandom.Create("other-seed", "ec"));
        Assert.Equal(c.EcPublicPoint, d.EcPublicPoint);
        Assert.NotEqual(c.EcPublicPoint, e.EcPublicPoint);
        Assert.Same(TestPki.ForSeed(TestPki.DefaultSeed), TestPki.Default);

        // A second personalisation from the same seed is byte-identical, signatures included.
        var again = new CardPersonalizer(CardFixture.Pki, SyntheticPhoto.Source).Personalize(PersonaCatalog.Get("yamada-taro"));
        foreach (var fid in new ushort[] { 0x0001, 0x0002, 0x0003, 0x0004, 0x0005 })
        {
            Assert.Equal(fixture.Image("yamada-taro").ReadFile(ApplicationKind.Surface, fid), again.ReadFile(ApplicationKind.Surface, fid));
        }
    }

    [Theory]
    [InlineData("showa-64", "640107")]
    [InlineData("heisei-1", "010108")]
    [InlineData("heisei-31", "310430")]
    [InlineData("reiwa-1", "010501")]
    [InlineData("taisho", "140310")]
    [InlineData("foreign-resident", "900704")]
    [InlineData("yamada-taro", "600614")]
    public void Verification_number_b_uses_the_era_date_with_exact_boundaries(string name, string dobPart)
    {
        var p = PersonaCatalog.Get(name);
        Assert.Equal(dobPart, p.DateOfBirthPart);
        Assert.Equal(dobPart + p.ExpiryDate.Year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + p.SecurityCode, p.VerificationNumberB);
        Assert.Equal(14, p.VerificationNumberB.Length);
        Assert.All(p.VerificationNumberB, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Fact]
    public void Era_boundaries()
    {
        Assert.Equal(("Showa", 64), JapaneseEra.Of(new DateOnly(1989, 1, 7)));
        Assert.Equal(("Heisei", 1), JapaneseEra.Of(new DateOnly(1989, 1, 8)));
        Assert.Equal(("Heisei", 31), JapaneseEra.Of(new DateOnly(2019, 4, 30)));
        Assert.Equal(("Reiwa", 1), JapaneseEra.Of(new DateOnly(2019, 5, 1)));
        Assert.Equal(("Taisho", 15), JapaneseEra.Of(new DateOnly(1926, 12, 24)));
        Assert.Equal(("Showa", 1), JapaneseEra.Of(new DateOnly(1926, 12, 25)));
        Assert.Equal(("Meiji", 45), JapaneseEra.Of(new DateOnly(1912, 7, 29)));
        Assert.Equal(("Taisho", 1), JapaneseEra.Of(new DateOnly(1912, 7, 30)));
    }

    [Fact]
    public void Personas_are_realistic_and_distinct()
    {
        var all = PersonaCatalog.All;
        Assert.True(all.Count >= 15);
        Assert.Equal(all.Count, all.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var p in all)
        {
            Assert.Equal(12, p.MyNumber.Length);
            Assert.Equal(PersonaCatalog.MyNumberCheckDigit(p.MyNumber[..11]), p.MyNumber[11]);
            Assert.Equal(5, p.MunicipalityCode.Length);
            Assert.Equal(15, p.CardSerial.Length);
            Assert.Equal(4, p.SecurityCode.Length);
            Assert.DoesNotContain(p.VerificationNumberB, p.ToString(), StringComparison.Ordinal);
            Assert.Matches("[０-９]", p.Holder.Address); // full-width digits
            if (!p.Holder.IsForeignResident)
            {
                Assert.Contains('\u3000', p.Holder.FullName);
            }

            if (p.SignPassword is { } password)
            {
                Assert.Matches("^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{6,16}$", password);
            }
        }

        Assert.True(PersonaCatalog.Get("expired").IsExpiredOn(new DateOnly(2026, 11, 27)));
        foreach (var p in all.Where(p => p.Name != "expired"))
        {
            // Every other persona's card and JPKI certificates are valid on the day this was written.
            Assert.True(p.CertificateExpiry > new DateOnly(2026, 11, 27), p.Name);
            Assert.False(p.IsExpiredOn(new DateOnly(2026, 11, 27)), p.Name);
        }

        Assert.False(PersonaCatalog.Get("yamada-taro").IsExpiredOn(new DateOnly(2026, 11, 27)));
        Assert.True(PersonaCatalog.Get("clone").IsClone);
        Assert.False(PersonaCatalog.Get("yamada-taro").IsClone);
        Assert.True(PersonaCatalog.Get("face-auth-only").IsFaceAuthOnly);
        Assert.False(PersonaCatalog.Get("face-auth-only").HasSignCertificate);
        Assert.Equal(CardKeyAlgorithm.EcdsaP384, PersonaCatalog.Get("next-gen").Algorithm);
        Assert.Equal(0, PersonaCatalog.Get("text-pin-blocked").InitialTries(CredentialSlot.TextPin));
        Assert.Equal(2, PersonaCatalog.Get("b-two-left").InitialTries(CredentialSlot.SurfaceVerificationB));
        Assert.Equal("SMITH JOHN", PersonaCatalog.Get("foreign-resident").Holder.FullName);
        Assert.Equal("山田\u3000太郎", PersonaCatalog.Default.Holder.FullName);
        Assert.True(PersonaCatalog.TryGet("YAMADA-TARO", out _));
        Assert.Throws<KeyNotFoundException>(() => PersonaCatalog.Get("nobody"));
    }

    [Fact]
    public void My_number_check_digit_matches_the_published_algorithm()
    {
        // 12345678901 → weights 6,5,4,3,2,7,6,5,4,3,2 from the left: sum = 212, 212 % 11 = 3 → 11-3 = 8 ("123456789018").
        Assert.Equal('8', PersonaCatalog.MyNumberCheckDigit("12345678901"));
    }

    [Fact]
    public void Common_ap_record_and_juki_ap()
    {
        var card = fixture.Card();
        var p = card.Persona;
        card.SelectAp(ApplicationKind.Common);
        var record = card.Send("00B2010C00");
        Assert.Equal("9000", record.SwHex());
        Assert.Equal("011C" + Hex.Of(Encoding.ASCII.GetBytes(p.CardSerial + p.MunicipalityCode + p.ExpiryDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))), Hex.Of(record.Data()));
        Assert.Equal("6A83", card.Send("00B2020C00").SwHex());
        Assert.Equal("6A86", card.Send("00B2010800").SwHex());
        card.SelectEf(0x0001);
        Assert.Equal("9000", card.Send("00B2010400").SwHex());
        Assert.Equal("6C1E", card.Send("00B2010410").SwHex());
        Assert.Equal("6981", card.Send("00B0000001").SwHex());
        card.SelectEf(0x001C);
        Assert.Equal("6981", card.Send("00B2010400").SwHex());

        card.SelectEf(0x0002);
        var keyReference = card.Send("00B2010400");
        Assert.Equal("9000", keyReference.SwHex());
        Assert.Equal(16, keyReference.Data().Length);

        // 住基 AP: one record EF 0002, byte-identical to the common AP's, and the PIN; no selectable 住民票コード file.
        card.SelectAp(ApplicationKind.Juki);
        Assert.Equal("6A82", card.Send("00A4020C020001").SwHex());
        card.SelectEf(0x0002);
        Assert.Equal(Hex.Of(keyReference), Hex.Of(card.Send("00B2010400")));
        Assert.Equal("6981", card.Send("00B0000000").SwHex());
        card.SelectEf(0x001C);
        Assert.Equal("9000", card.VerifyAscii(p.JukiPin!).SwHex());
    }

    [Fact]
    public void Get_data_works_only_with_no_df_selected()
    {
        var card = fixture.Card();
        var p = card.Persona;
        Assert.Equal(p.MunicipalityCode, Encoding.ASCII.GetString(card.Send("00CA00F000").Data()));
        Assert.Equal(p.ExpiryDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(card.Send("00CA00F200").Data()));
        Assert.Equal(p.CardSerial, Encoding.ASCII.GetString(card.Send("00CA004500").Data()));
        Assert.Equal("6A88", card.Send("00CA123400").SwHex());
        card.SelectAp(ApplicationKind.Surface);
        Assert.Equal("6A88", card.Send("00CA00F000").SwHex());
        Assert.Equal("9000", card.Send("00CA5F5100").SwHex()); // contact ATR answers with an AP current too
        card.Send("00A4040C07A0000001510000"); // the ISD restores the MF-level state
        Assert.Equal("9000", card.Send("00CA00F000").SwHex());
    }

    [Fact]
    public void Surface_basic_info_carries_the_municipality_code_and_key_id()
    {
        var image = fixture.Image("sato-hanako");
        var info = TlvNode.ParseAll(TlvNode.ParseOne(image.ReadFile(ApplicationKind.Surface, 0x0003)).Value);
        Assert.Equal(new[] { 0xDF31, 0xDF32, 0xDF33, 0xDF34, 0xDF35 }, info.Select(n => n.Tag));
        Assert.Equal("06030E01", Hex.Of(info[0].Value));
        Assert.Equal("6000024", Encoding.ASCII.GetString(info[1].Value, 0, 7)); // names its own key, not the CVC subject
        Assert.Equal("00", Hex.Of(info[2].Value));
        Assert.Equal("27127", Encoding.ASCII.GetString(info[3].Value));
        Assert.Equal(272, info[4].Value.Length);
        Assert.Equal("5900025", Encoding.ASCII.GetString(info[4].Value, 0, 7));
        var textInfo = TlvNode.ParseAll(TlvNode.ParseOne(image.ReadFile(ApplicationKind.Text, 0x0005)).Value);
        Assert.Equal(new[] { 0xDF41, 0xDF42, 0xDF43 }, textInfo.Select(n => n.Tag));
        Assert.Equal("01030E01", Hex.Of(textInfo[0].Value));
        Assert.Equal("6000034", Encoding.ASCII.GetString(textInfo[1].Value, 0, 7));
        Assert.Equal(128, textInfo[2].Value.Length);
        Assert.All(textInfo[2].Value[32..], b => Assert.Equal(0xFF, b));
    }
}
