using ReaderKit.Card;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

public sealed class CardVerifiableCertificateTests
{
    [Fact]
    public void Rsa_cvc_has_the_297_byte_body_and_verifies()
    {
        var card = TestCard.Create();
        Assert.Equal(568, card.SurfaceCvc.Length);
        var cvc = CardVerifiableCertificate.Parse(card.SurfaceCvc);
        Assert.Equal(297, cvc.Body.Length);
        Assert.Equal("6990023/001", CardVerifiableCertificate.DescribeKeyId(cvc.IssuerKeyId));
        Assert.True(card.Ca.PublicKey.Verify(cvc.Body, cvc.Signature));
    }

    [Fact]
    public void Ec_cvc_body_length_is_parsed_not_assumed()
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = true });
        var cvc = CardVerifiableCertificate.Parse(card.SurfaceCvc);
        Assert.Equal(32 + 2 + 97, cvc.Body.Length);
        Assert.IsType<EcP384CardPublicKey>(cvc.SubjectPublicKey);
        Assert.Equal(96, cvc.Signature.Length);
        Assert.True(card.Ca.PublicKey.Verify(cvc.Body, cvc.Signature));
    }

    [Fact]
    public void Get_data_form_without_7F21_parses()
    {
        var card = TestCard.Create();
        var inner = card.SurfaceCvc.AsSpan(4).ToArray(); // 7F 21 82 xx xx → drop the 5-byte header
        inner = card.SurfaceCvc.AsSpan(5).ToArray();
        Assert.Equal(297, CardVerifiableCertificate.Parse(inner).Body.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(567)]
    public void Truncated_cvc_is_a_typed_error(int length)
    {
        var card = TestCard.Create();
        Assert.ThrowsAny<CardDataFormatException>(() => CardVerifiableCertificate.Parse(card.SurfaceCvc.AsSpan(0, length)));
    }
}
