using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

public sealed class TrustStoreTests
{
    // Second, independent source for 5000023 / 5000033: hebingchang/pymyna myna/utils/constants.py (SPKI, base64).
    private const string PymynaText5000033 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0kYV9jUl50DIfoPtZHh+dtEKH4ZS6+HqKJNNNc478HcW9beeK8sq4rkbT0yf+2Akl/WW1lmvnQoUtFzdc471Ykk0m4zH2zLy1DO9ObzET1A+iB1WwUns1RVcHOdGH8OsT1XQo5zKqt+uW4r6Ecz5G+3HdAI9EcpuupkAT4HFQafWfd7YxyTW4gsQo96q6MQ8E3zNcbJjdA6JeXUt5NVnYynKvL1/Onf8SKb45h05m0rGZoSp/fyZ7O+QDdb/fw/dOeI9Fj+KRoxi2+rgCQbfrVqJtFyltzU9yZioDTgD7aeUtV+Z9TXRw5okPINSrWAtkmw4nSgWyUE0nuJOT0FZfwIDAQAB";
    private const string PymynaSurface5000023 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsvdA8K2G0Xzz9TfSO0s8ZaPLWEdNhX9V0Lm8BBGxywhJBo3jMqUNY7Pmkhycy+YVZJbvsEvo/8x0/emiKKNq1+3Ol5MgTjWXPckREINlACxAFp4LYAGN+5nh4jENmhEP8Pwmnx8iDGO4oVEN5aaJgiDHiQj8KA2KqV1dETt88AcA8/9a2LPWrS61PH1WNJi0qTje/8m9oyv0FGwbB++HDZnrNd5dcKwYcVh0J3oTFR0hfQTULpeSOSOkD7x9BvqoM4zL6HZiD5uO9Ecc1LninU6mIeD7jx3AS0hyEAl9uq89jgVQx2pbl88gL6R8eiYi8cCE5lwT0TuOerIm9fUfhwIDAQAB";

    [Theory]
    [InlineData("5000023", PymynaSurface5000023)]
    [InlineData("5000033", PymynaText5000033)]
    public void Built_in_cvc_keys_match_a_second_source(string id, string spki)
    {
        var key = TrustStore.Production.FindIssuerKey(TestCard.KeyId(id[..7]));
        Assert.NotNull(key);
        var info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Convert.FromBase64String(spki));
        var rsa = Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure.GetInstance(info.ParsePublicKey());
        var builtIn = Assert.IsType<RsaCardPublicKey>(key.PublicKey);
        Assert.Equal(rsa.Modulus.ToByteArrayUnsigned(), builtIn.Modulus);
        Assert.Equal(rsa.PublicExponent.ToByteArrayUnsigned(), builtIn.Exponent);
    }

    [Fact]
    public void Production_store_has_the_three_cvc_keys_and_jpki_roots()
    {
        var store = TrustStore.Production;
        Assert.Equal(3, store.IssuerKeys.Count);
        Assert.Contains(store.IssuerKeys, k => k.Describe() == "5000020/001 (000000A8)");
        Assert.All(store.IssuerKeys, k => Assert.Equal(2048, ((RsaCardPublicKey)k.PublicKey).Parameters.Modulus.BitLength));
        Assert.Equal(4, store.JpkiRoots.Count);
        Assert.All(store.JpkiRoots, r => Assert.Contains("O=JPKI", r.Certificate.SubjectDN.ToString(), StringComparison.Ordinal));
        Assert.All(store.JpkiRoots, r => r.Certificate.Verify(r.Certificate.GetPublicKey()));
    }

    [Fact]
    public void Unknown_key_id_is_not_found()
    {
        Assert.Null(TrustStore.Production.FindIssuerKey(TestCard.KeyId("5000099")));
        // Same digits, different padding byte: a different key.
        var id = TestCard.KeyId("5000020");
        Assert.Null(TrustStore.Production.FindIssuerKey(id));
    }

    [Fact]
    public void Json_adds_rsa_and_ecdsa_keys()
    {
        var rsa = TestCard.Create();
        var ec = TestCard.Create(new TestCardSpec { Ecdsa = true });
        var store = TrustStore.Production.WithJson(rsa.TrustJson(), "rsa");
        Assert.IsType<RsaCardPublicKey>(store.FindIssuerKey(TestCard.SurfaceCaKeyId)!.PublicKey);
        var ecStore = TrustStore.Empty.WithJson(ec.TrustJson(), "ec");
        Assert.IsType<EcP384CardPublicKey>(ecStore.FindIssuerKey(TestCard.TextCaKeyId)!.PublicKey);
        Assert.Empty(ecStore.JpkiRoots);
    }

    [Fact]
    public void Json_can_add_jpki_roots()
    {
        var der = TrustStore.Production.JpkiRoots[0].Certificate.GetEncoded();
        var store = TrustStore.Empty.WithJson($"{{\"jpkiRoots\":[{{\"role\":\"jpki-auth\",\"certificate\":\"{Convert.ToBase64String(der)}\"}}]}}", "roots");
        var root = Assert.Single(store.JpkiRoots);
        Assert.Equal(TrustAnchorRole.JpkiAuthRoot, root.Anchor.Role);
        Assert.Equal("roots jpkiRoots[0]", root.Anchor.Source);
    }

    private const string Id6990023 = "36393930303233080530303100000000";

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"cvcIssuerKeys\":{}}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"00\",\"role\":\"surface-ap\",\"modulus\":\"00\",\"exponent\":\"010001\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"surface-ap\",\"modulus\":\"zz\",\"exponent\":\"010001\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"surface-ap\",\"modulus\":\"0101\",\"exponent\":\"010001\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"surface-ap\",\"algorithm\":\"ecdsa-p384\",\"publicKey\":\"0400\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"surface-ap\",\"algorithm\":\"dsa\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"jpki-auth\",\"modulus\":\"00\",\"exponent\":\"010001\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":1,\"modulus\":\"00\",\"exponent\":\"010001\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"role\":\"surface-ap\",\"test\":\"yes\"}]}")]
    [InlineData("{\"cvcIssuerKeys\":[{\"keyId\":\"" + Id6990023 + "\",\"roles\":\"surface-ap\"}]}")]
    [InlineData("{\"jpkiRoots\":[{\"role\":\"jpki-auth\",\"certificate\":\"@@@\"}]}")]
    [InlineData("{\"jpkiRoots\":[{\"role\":\"jpki-auth\",\"certificate\":\"AAAA\"}]}")]
    [InlineData("{\"jpkiRoots\":[{\"role\":\"surface-ap\",\"certificate\":\"AAAA\"}]}")]
    [InlineData("{\"jpkiRoots\":[{\"certificate\":\"AAAA\"}]}")]
    [InlineData("{\"trustAnchors\":[]}")]
    public void Malformed_json_is_a_typed_one_line_error(string json)
    {
        var ex = Assert.Throws<TrustStoreFormatException>(() => TrustStore.Production.WithJson(json, "bad.json"));
        Assert.StartsWith("bad.json", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Old_role_less_files_are_refused_with_a_message_naming_the_new_field()
    {
        var card = TestCard.Create();
        var modulus = Convert.ToHexString(((RsaCardPublicKey)card.Ca.PublicKey).Modulus);
        var old = $"{{\"cvcIssuerKeys\":[{{\"keyId\":\"{Id6990023}\",\"modulus\":\"{modulus}\",\"exponent\":\"010001\"}}],\"jpkiRoots\":[]}}";
        var ex = Assert.Throws<TrustStoreFormatException>(() => TrustStore.Production.WithJson(old, "old.json"));
        Assert.Equal("old.json cvcIssuerKeys[0]: missing \"role\" — trust files now scope every CVC key to one card application: add \"role\": \"surface-ap\", \"text-ap\" or \"mf-chain\"", ex.Message);
        Assert.DoesNotContain(modulus[..16], ex.Message, StringComparison.Ordinal);

        var der = Convert.ToBase64String(TrustStore.Production.JpkiRoots[0].Certificate.GetEncoded());
        var oldRoots = Assert.Throws<TrustStoreFormatException>(() => TrustStore.Production.WithJson($"{{\"jpkiRoots\":[\"{der}\"]}}", "old.json"));
        Assert.Contains("jpkiRoots[0]: a bare certificate string is the old format", oldRoots.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_id_cannot_be_given_a_second_role()
    {
        var card = TestCard.Create();
        var json = card.TrustJson().Replace("\"role\":\"surface-ap\"", "\"role\":\"text-ap\"", StringComparison.Ordinal);
        var store = TrustStore.Production.WithJson(card.TrustJson(), "first.json");
        var ex = Assert.Throws<TrustStoreFormatException>(() => store.WithJson(json, "second.json"));
        Assert.Contains("with role surface-ap, not text-ap", ex.Message, StringComparison.Ordinal);
        var builtIn = $"{{\"cvcIssuerKeys\":[{{\"keyId\":\"35303030303233080530303100000000\",\"role\":\"text-ap\",\"modulus\":\"{Convert.ToHexString(((RsaCardPublicKey)TrustStore.Production.FindIssuerKey(TestCard.KeyId("5000023"))!.PublicKey).Modulus)}\",\"exponent\":\"010001\"}}]}}";
        Assert.Contains("already defined by built-in", Assert.Throws<TrustStoreFormatException>(() => TrustStore.Production.WithJson(builtIn, "evil.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simulators_export_loads_with_roles_and_every_anchor_marked_test()
    {
        var store = TrustStore.Production.WithJson(ReaderKit.VirtualCard.Crypto.TestPki.Default.ExportTrustJson(), "sim.json");
        var file = store.IssuerKeys.Where(k => k.Anchor.IsFromFile).ToList();
        Assert.Equal(6, file.Count);
        Assert.All(file, k => Assert.True(k.Anchor.IsTestAnchor));
        Assert.Equal(2, file.Count(k => k.Anchor.Role == TrustAnchorRole.SurfaceApCvcIssuer && k.Anchor.Name.StartsWith("6000023/", StringComparison.Ordinal)));
        Assert.Equal(2, file.Count(k => k.Anchor.Role == TrustAnchorRole.TextApCvcIssuer && k.Anchor.Name.StartsWith("6000033/", StringComparison.Ordinal)));
        Assert.Equal(2, file.Count(k => k.Anchor.Role == TrustAnchorRole.MfChain && k.Anchor.Name.StartsWith("6000020/", StringComparison.Ordinal)));
        var roots = store.JpkiRoots.Where(r => r.Anchor.IsFromFile).ToList();
        Assert.Equal([TrustAnchorRole.JpkiAuthRoot, TrustAnchorRole.JpkiSignRoot], roots.Select(r => r.Anchor.Role));
        Assert.All(roots, r => Assert.True(r.Anchor.IsTestAnchor));
    }

    [Fact]
    public void Test_key_ids_and_test_roots_are_test_anchors_whatever_the_file_says()
    {
        Assert.True(TrustStore.IsTestKeyId(TestCard.KeyId("6000023")));
        Assert.False(TrustStore.IsTestKeyId(TestCard.KeyId("5000023")));
        var card = TestCard.Create();
        var store = TrustStore.Production.WithJson(card.TrustJson(markTest: false), "unmarked.json");
        Assert.True(store.FindIssuerKey(TestCard.SurfaceCaKeyId)!.Anchor.IsTestAnchor);
        var root = Convert.ToBase64String(ReaderKit.VirtualCard.Crypto.TestPki.Default.Jpki.AuthCa.GetEncoded());
        var rooted = TrustStore.Empty.WithJson($"{{\"jpkiRoots\":[{{\"role\":\"jpki-auth\",\"certificate\":\"{root}\",\"test\":false}}]}}", "r.json");
        Assert.True(rooted.JpkiRoots[0].Anchor.IsTestAnchor);
    }

    [Fact]
    public void Json_cannot_replace_a_production_key()
    {
        var card = TestCard.Create();
        var modulus = Convert.ToHexString(((RsaCardPublicKey)card.Ca.PublicKey).Modulus);
        var json = $"{{\"cvcIssuerKeys\":[{{\"keyId\":\"35303030303233080530303100000000\",\"role\":\"surface-ap\",\"modulus\":\"{modulus}\",\"exponent\":\"010001\"}}]}}";
        var ex = Assert.Throws<TrustStoreFormatException>(() => TrustStore.Production.WithJson(json, "evil"));
        Assert.Contains("already defined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_a_file_and_reports_missing_files()
    {
        var card = TestCard.Create();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, card.TrustJson());
            Assert.NotNull(TrustStore.Load(path).FindIssuerKey(TestCard.SurfaceCaKeyId));
        }
        finally
        {
            File.Delete(path);
        }

        var missing = Assert.Throws<TrustStoreFormatException>(() => TrustStore.Load(path + ".missing"));
        Assert.StartsWith("cannot read trust file", missing.Message, StringComparison.Ordinal);
    }
}
