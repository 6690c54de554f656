using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>The floor is never crossed: counted in VERIFY APDUs the card received.</summary>
public sealed class RetryPolicyTests
{
    private static CardInspector Inspector(TestCard card, int floor) => new(card.TrustOptions(), new CardInspectionOptions
    {
        ReadJpki = false,
        ReadTextAp = false,
        RetryPolicy = new RetryPolicy { Floor = floor },
    });

    [Theory]
    [InlineData(10, 2)]
    [InlineData(5, 0)]
    [InlineData(5, 3)]
    public async Task Repeated_wrong_values_stop_at_the_floor(int tries, int floor)
    {
        var card = TestCard.Create(new TestCardSpec { Tries = tries });
        var channel = card.Channel();
        using var wrong = VerificationNumberB.Parse("55021720350000");
        var rejected = 0;
        var refusals = 0;
        for (var attempt = 0; attempt < tries + 3; attempt++)
        {
            try
            {
                await Inspector(card, floor).InspectAsync(channel, wrong, null, CancellationToken.None);
            }
            catch (CredentialRejectedException ex)
            {
                rejected++;
                Assert.True(ex.RemainingTries >= floor);
            }
            catch (RetryFloorReachedException ex)
            {
                refusals++;
                Assert.Equal(floor, ex.RemainingTries);
                Assert.Equal(floor, ex.Floor);
            }
            catch (CredentialBlockedException)
            {
                // Only reachable with floor 0: the last try was spent (counts as a rejection) or the card is now blocked.
                Assert.Equal(0, floor);
                if (channel.VerifyValues == tries && rejected < tries)
                {
                    rejected++;
                }
                else
                {
                    refusals++;
                }
            }
        }

        Assert.Equal(tries - floor, rejected);
        Assert.Equal(tries - floor, channel.VerifyValues);
        Assert.Equal(3 + floor, refusals);
        Assert.Equal(tries + 3, channel.VerifyQueries);
    }

    [Fact]
    public async Task Blocked_card_is_reported_without_any_value_verify()
    {
        var card = TestCard.Create(new TestCardSpec { Tries = 0 });
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var ex = await Assert.ThrowsAsync<CredentialBlockedException>(() => Inspector(card, 2).InspectAsync(channel, vnb, null, CancellationToken.None));
        Assert.Equal(0, ex.RemainingTries);
        Assert.Equal(0, channel.VerifyValues);
        Assert.Equal(1, channel.VerifyQueries);
    }

    [Fact]
    public async Task The_query_always_precedes_the_value()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        (await Inspector(card, 2).InspectAsync(channel, vnb, null, CancellationToken.None)).Dispose();
        var verifies = channel.Received.Where(c => c.Ins == 0x20).ToList();
        Assert.Equal(2, verifies.Count);
        Assert.True(verifies[0].Data.IsEmpty);
        Assert.Equal(14, verifies[1].Data.Length);
    }

    [Fact]
    public void Input_failing_local_validation_never_reaches_the_card()
    {
        Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Parse("5502172035228"));
        Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Parse("550217203522X5"));
        Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Parse("55133120352285"));
        // Nothing to send: no channel involved at all, by construction of the API.
    }
}
