using ReaderKit.Card.Tlv;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>One flipped byte (or one swapped object) per case; each is rejected by its own check with its own reason.</summary>
public sealed class TamperMatrixTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in Tampers.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    private static readonly Dictionary<string, (Action<TestCard> Tamper, string Check, string Reason)> Tampers = new()
    {
        ["group1-birth-date"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF22, 3), CheckNames.SurfaceCardFace, "DF22"),
        ["group1-sex"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF23, 0), CheckNames.SurfaceCardFace, "DF23"),
        ["group1-card-key"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF24, 40), CheckNames.SurfaceCardFace, "DF24"),
        ["group2-name-image"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF25, 5), CheckNames.SurfaceCardFace, "DF25"),
        ["group2-address-image"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF26, 5), CheckNames.SurfaceCardFace, "DF26"),
        ["group3-photo"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF27, 100), CheckNames.SurfaceCardFace, "DF27"),
        ["df28-signature"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF28, 10), CheckNames.SurfaceCardFace, "DF28"),
        ["offset-table-lies"] = (c => c.CardFace = Flip(c.CardFace, 0xFF20, 0xDF21, 5), CheckNames.SurfaceCardFace, "offset table"),
        ["surface-cvc-body"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F4E, 20), CheckNames.SurfaceCvc, "does not verify"),
        ["surface-cvc-signature"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F37, 20), CheckNames.SurfaceCvc, "does not verify"),
        ["surface-cvc-wrong-key-id"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F4E, 0, TestCard.KeyId("5000033")), CheckNames.SurfaceCvc, "issuer key 5000033/001"),
        ["surface-cvc-unknown-key-id"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F4E, 0, TestCard.KeyId("6999999")), CheckNames.SurfaceCvc, "unknown issuer key id 6999999/001"),
        ["surface-cvc-names-the-text-ca"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F4E, 0, TestCard.TextCaKeyId), CheckNames.SurfaceCvc, "may not certify surface-AP keys"),
        ["surface-cvc-names-the-mf-key"] = (c => c.SurfaceCvc = Flip(c.SurfaceCvc, 0x7F21, 0x5F4E, 0, TestCard.MfCaKeyId), CheckNames.SurfaceCvc, "may not certify surface-AP keys"),
        ["text-cvc-names-the-surface-ca"] = (c => c.TextCvc = Flip(c.TextCvc, 0x7F21, 0x5F4E, 0, TestCard.SurfaceCaKeyId), CheckNames.TextCvc, "may not certify text-AP keys"),
        ["text-cvc-body"] = (c => c.TextCvc = Flip(c.TextCvc, 0x7F21, 0x5F4E, 20), CheckNames.TextCvc, "does not verify"),
        ["text-name"] = (c => c.TextAttributes = Flip(c.TextAttributes, 0xFF20, 0xDF22, 1), CheckNames.TextAttributesDigest, "DF32"),
        ["text-birth-date"] = (c => c.TextAttributes = Flip(c.TextAttributes, 0xFF20, 0xDF24, 1), CheckNames.TextAttributesDigest, "DF32"),
        ["text-df32-digest"] = (c => c.TextIntegrity = Flip(c.TextIntegrity, 0xFF30, 0xDF32, 1), CheckNames.TextIntegritySignature, "DF33 does not verify"),
        ["text-df33-signature"] = (c => c.TextIntegrity = Flip(c.TextIntegrity, 0xFF30, 0xDF33, 1), CheckNames.TextIntegritySignature, "DF33 does not verify"),
        ["text-card-key"] = (c => c.TextCardKey = Flip(c.TextCardKey, 0xFF50, 0xDF51, 30), CheckNames.TextCardKey, "DF52"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_tamper_is_rejected_with_its_reason(string tamper, bool ecdsa)
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = ecdsa });
        var (apply, check, reason) = Tampers[tamper];
        apply(card);
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        var failed = result.Checks.Where(c => c.Status == CheckStatus.Fail).ToList();
        var outcome = Assert.Single(failed);
        Assert.Equal(check, outcome.Name);
        if (!(ecdsa && check == CheckNames.SurfaceCardFace && reason.StartsWith("DF2", StringComparison.Ordinal) && reason != "DF28"))
        {
            Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
        }

        Assert.False(result.AllPassed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Untampered_card_is_accepted(bool ecdsa)
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = ecdsa });
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        Assert.True(result.AllPassed, string.Join("\n", result.Checks));
        Assert.NotNull(result.CardFace);
        Assert.Equal(card.Spec.BirthDate, result.CardFace!.BirthDate);
        // Dumps cannot challenge the chip and this card's text key differs from DF24: signed, but reported unbound.
        Assert.Null(result.TextAttributes);
        Assert.Equal(TextBinding.Unbound, result.TextBinding);
        Assert.Equal("山田\u3000太郎", result.UnboundTextAttributes!.Name);
        Assert.Equal("13101", result.MunicipalityCode!.Value);
        Assert.False(result.Expiry!.IsSigned);
    }

    [Fact]
    public void Photo_swapped_from_another_card_is_rejected_as_group_3()
    {
        var photoA = new byte[700];
        var photoB = new byte[700];
        photoA[0] = 1;
        photoB[0] = 2;
        var a = TestCard.Create(new TestCardSpec { Photo = photoA });
        var b = TestCard.Create(new TestCardSpec { Photo = photoB, Name = "別人" });
        var photoOfB = Value(b.CardFace, 0xFF20, 0xDF27);
        a.CardFace = Replace(a.CardFace, 0xFF20, 0xDF27, photoOfB);
        var result = new EvidenceVerifier(a.TrustOptions()).VerifyAll(a.Evidence(), new EvidenceContext(At));
        var outcome = Assert.Single(result.Checks, c => c.Status == CheckStatus.Fail);
        Assert.Equal(CheckNames.SurfaceCardFace, outcome.Name);
        Assert.Contains("group 3 (DF27 photo)", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("group 1", outcome.Reason, StringComparison.Ordinal);
        Assert.Null(result.CardFace);
    }

    [Fact]
    public void Unknown_key_id_fails_closed_even_with_an_otherwise_valid_card()
    {
        var card = TestCard.Create();
        var result = new EvidenceVerifier(new TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCvc && c.Status == CheckStatus.Fail && c.Reason.Contains("fail closed", StringComparison.Ordinal));
        Assert.Null(result.CardFace);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCardFace && c.Status == CheckStatus.Skip);
    }

    [Fact]
    public void Leading_bytes_before_FF20_are_tolerated()
    {
        var card = TestCard.Create(new TestCardSpec { LeadingBytes = 2 });
        Assert.Equal(0, card.CardFace[0]);
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        Assert.True(result.AllPassed, string.Join("\n", result.Checks));
    }

    internal static byte[] Flip(byte[] file, int outerTag, int childTag, int index, byte[]? replacement = null)
    {
        var copy = (byte[])file.Clone();
        var outer = BerTlvReader.FindOuter(copy, outerTag);
        var child = BerTlvReader.ReadChildren(copy, outer, allowFiller: true).Single(c => c.Tag == childTag);
        if (replacement is null)
        {
            copy[child.ValueStart + index] ^= 0x01;
        }
        else
        {
            replacement.CopyTo(copy, child.ValueStart + index);
        }

        return copy;
    }

    private static byte[] Value(byte[] file, int outerTag, int childTag)
    {
        var outer = BerTlvReader.FindOuter(file, outerTag);
        return BerTlvReader.ReadChildren(file, outer, allowFiller: true).Single(c => c.Tag == childTag).Value(file).ToArray();
    }

    private static byte[] Replace(byte[] file, int outerTag, int childTag, byte[] value)
    {
        var copy = (byte[])file.Clone();
        var outer = BerTlvReader.FindOuter(copy, outerTag);
        var child = BerTlvReader.ReadChildren(copy, outer, allowFiller: true).Single(c => c.Tag == childTag);
        Assert.Equal(child.Length, value.Length);
        value.CopyTo(copy, child.ValueStart);
        return copy;
    }
}
