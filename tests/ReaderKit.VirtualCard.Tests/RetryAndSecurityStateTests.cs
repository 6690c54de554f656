using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests;

public sealed class RetryAndSecurityStateTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void Empty_verify_queries_tries_without_spending_one()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        Assert.Equal("63CA", card.Send("0020008000").SwHex());
        Assert.Equal("63CA", card.Send("00200080").SwHex());
        Assert.Equal(10, card.RemainingTries(ApplicationKind.Surface, 0x0012));
    }

    [Fact]
    public void Wrong_verify_decrements_and_correct_resets_the_counter()
    {
        var card = fixture.Card();
        var persona = card.Persona;
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        Assert.Equal("63C9", card.VerifyAscii("00000000000000").SwHex());
        Assert.Equal("63C8", card.VerifyAscii("0000").SwHex());
        Assert.Equal("63C8", card.Send("00200080").SwHex());
        Assert.Equal("9000", card.VerifyAscii(persona.VerificationNumberB).SwHex());
        Assert.Equal("63CA", card.Send("00200080").SwHex());
    }

    [Fact]
    public void Text_pin_blocks_after_three_wrong_tries_then_6984_and_63C0_on_query()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0011);
        Assert.Equal("63C3", card.Send("00200080").SwHex());
        Assert.Equal("63C2", card.VerifyAscii("9999").SwHex());
        Assert.Equal("63C1", card.VerifyAscii("9998").SwHex());
        Assert.Equal("63C0", card.VerifyAscii("9997").SwHex());
        Assert.Equal("6984", card.VerifyAscii(card.Persona.TextPin!).SwHex());
        Assert.Equal("63C0", card.Send("00200080").SwHex());
    }

    [Fact]
    public void Retry_counters_survive_field_off_but_security_state_does_not()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii("11111111111111");
        card.FieldOff();
        Assert.Equal(9, card.RemainingTries(ApplicationKind.Surface, 0x0012));
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberB).SwHex());
        card.SelectEf(0x0002);
        Assert.Equal("9000", card.Send("00B0000005").SwHex());
        card.FieldOff();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0002);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());
    }

    [Fact]
    public void Deselect_and_selecting_another_df_clear_the_security_state()
    {
        var card = fixture.Card();
        void VerifyB()
        {
            card.SelectAp(ApplicationKind.Surface);
            card.SelectEf(0x0012);
            Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberB).SwHex());
            card.SelectEf(0x0002);
            Assert.Equal("9000", card.Send("00B0000005").SwHex());
        }

        VerifyB();
        card.Deselect();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0002);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());

        VerifyB();
        card.SelectAp(ApplicationKind.Text);
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0002);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());

        VerifyB();
        card.SelectAp(ApplicationKind.Surface); // re-selecting the same DF keeps the state
        card.SelectEf(0x0002);
        Assert.Equal("9000", card.Send("00B0000005").SwHex());
    }

    [Fact]
    public void Verify_by_p2_key_reference_works_without_select()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        Assert.Equal("63CA", card.Send("00200092").SwHex());
        var b = System.Text.Encoding.ASCII.GetBytes(card.Persona.VerificationNumberB);
        Assert.Equal("9000", card.ProcessApdu([0x00, 0x20, 0x00, 0x92, (byte)b.Length, .. b]).SwHex());
    }

    [Fact]
    public void Verify_errors_bad_p1_p2_and_no_key()
    {
        var card = fixture.Card();
        Assert.Equal("6A88", card.Send("00200080").SwHex());
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0002);
        Assert.Equal("6A88", card.Send("00200080").SwHex());
        Assert.Equal("6A86", card.Send("00200180").SwHex());
        Assert.Equal("6A86", card.Send("00200001").SwHex());
        Assert.Equal("6A88", card.Send("0020009D").SwHex());
    }

    [Fact]
    public void Wrong_verify_clears_that_keys_verified_state()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        card.VerifyAscii("00000000000000");
        card.SelectEf(0x0002);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());
    }

    [Fact]
    public void Birth_date_key_opens_only_the_age_record()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0011);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.BirthDateKey).SwHex());
        card.SelectEf(0x0001);
        Assert.Equal("9000", card.Send("00B0000005").SwHex());
        card.SelectEf(0x0002);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());
    }

    [Fact]
    public void Verification_number_a_opens_my_number_image_but_b_does_not()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        card.SelectEf(0x0005);
        Assert.Equal("6982", card.Send("00B0000005").SwHex());
        card.SelectEf(0x0013);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberA).SwHex());
        card.SelectEf(0x0005);
        Assert.Equal("9000", card.Send("00B0000005").SwHex());
    }

    [Fact]
    public void Text_ap_access_rules_per_credential()
    {
        // B: 0002, 0003, 0006, 0007 but not 0001.
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0015);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberB).SwHex());
        foreach (var (fid, sw) in new[] { (0x0001, "6982"), (0x0002, "9000"), (0x0003, "9000"), (0x0006, "9000"), (0x0007, "9000") })
        {
            card.SelectEf((ushort)fid);
            Assert.Equal(sw, card.Send("00B0000003").SwHex());
        }

        // A: 0001, 0003 but not 0002.
        card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0014);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberA).SwHex());
        foreach (var (fid, sw) in new[] { (0x0001, "9000"), (0x0002, "6982"), (0x0003, "9000") })
        {
            card.SelectEf((ushort)fid);
            Assert.Equal(sw, card.Send("00B0000003").SwHex());
        }

        // PIN: everything.
        card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0011);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.TextPin!).SwHex());
        foreach (var fid in new ushort[] { 0x0001, 0x0002, 0x0003, 0x0006, 0x0007 })
        {
            card.SelectEf(fid);
            Assert.Equal("9000", card.Send("00B0000003").SwHex());
        }
    }

    [Fact]
    public void Text_key_0012_is_blocked_on_issue()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0012);
        Assert.Equal("63C0", card.Send("00200080").SwHex());
        Assert.Equal("6984", card.VerifyAscii("1234").SwHex());
    }

    [Fact]
    public void Persona_retry_states_are_on_the_card()
    {
        var blocked = fixture.Card("b-blocked");
        blocked.SelectAp(ApplicationKind.Surface);
        blocked.SelectEf(0x0012);
        Assert.Equal("63C0", blocked.Send("00200080").SwHex());
        Assert.Equal("6984", blocked.VerifyAscii(blocked.Persona.VerificationNumberB).SwHex());
        blocked.SelectAp(ApplicationKind.Text);
        blocked.SelectEf(0x0015);
        Assert.Equal("63C0", blocked.Send("00200080").SwHex());

        var twoLeft = fixture.Card("b-two-left");
        twoLeft.SelectAp(ApplicationKind.Surface);
        twoLeft.SelectEf(0x0012);
        Assert.Equal("63C2", twoLeft.Send("00200080").SwHex());

        var pinBlocked = fixture.Card("text-pin-blocked");
        pinBlocked.SelectAp(ApplicationKind.Text);
        pinBlocked.SelectEf(0x0011);
        Assert.Equal("63C0", pinBlocked.Send("00200080").SwHex());
        Assert.Equal("6984", pinBlocked.VerifyAscii(pinBlocked.Persona.TextPin!).SwHex());
        pinBlocked.SelectEf(0x0015);
        Assert.Equal("9000", pinBlocked.VerifyAscii(pinBlocked.Persona.VerificationNumberB).SwHex());
    }

    [Fact]
    public void Face_auth_only_card_has_no_pins()
    {
        var card = fixture.Card("face-auth-only");
        Assert.True(card.Persona.IsFaceAuthOnly);
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x0018);
        Assert.Equal("6984", card.Send("00200080").SwHex());
        Assert.Equal("6A82", card.Send("00A4020C02001B").SwHex());
        Assert.Equal("6A82", card.Send("00A4020C020001").SwHex());
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0011);
        Assert.Equal("6984", card.VerifyAscii("1234").SwHex());
        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        Assert.Equal("9000", card.VerifyAscii(card.Persona.VerificationNumberB).SwHex());
    }

    [Fact]
    public void Every_credential_slot_of_the_default_persona_verifies()
    {
        var card = fixture.Card();
        var p = card.Persona;
        foreach (var (ap, fid, secret, max) in new (ApplicationKind, ushort, string, int)[]
        {
            (ApplicationKind.Jpki, 0x0018, p.AuthPin!, 3), (ApplicationKind.Jpki, 0x001B, p.SignPassword!, 5),
            (ApplicationKind.Text, 0x0011, p.TextPin!, 3), (ApplicationKind.Text, 0x0014, p.VerificationNumberA, 10),
            (ApplicationKind.Text, 0x0015, p.VerificationNumberB, 10), (ApplicationKind.Surface, 0x0011, p.BirthDateKey, 10),
            (ApplicationKind.Surface, 0x0012, p.VerificationNumberB, 10), (ApplicationKind.Surface, 0x0013, p.VerificationNumberA, 10),
            (ApplicationKind.Juki, 0x001C, p.JukiPin!, 3), (ApplicationKind.Common, 0x001C, p.CommonPin!, 3),
        })
        {
            card.SelectAp(ap);
            card.SelectEf(fid);
            Assert.Equal($"63C{max:X1}", card.Send("00200080").SwHex());
            Assert.Equal("9000", card.VerifyAscii(secret).SwHex());
        }
    }
}

public sealed class ChangeReferenceDataTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void Text_pin_change_after_verify_then_only_the_new_pin_works()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Text);
        card.SelectEf(0x0011);
        Assert.Equal("6982", card.Send("0024018004" + Hex.Of("4321"u8)).SwHex());
        Assert.Equal("9000", card.VerifyAscii(card.Persona.TextPin!).SwHex());
        Assert.Equal("6A80", card.Send("0024018003" + Hex.Of("432"u8)).SwHex());
        Assert.Equal("6A80", card.Send("0024018004" + Hex.Of("43A1"u8)).SwHex());
        Assert.Equal("6A86", card.Send("0024008004" + Hex.Of("4321"u8)).SwHex());
        var newPin = card.Persona.TextPin == "4321" ? "1234" : "4321";
        Assert.Equal("9000", card.ProcessApdu([0x00, 0x24, 0x01, 0x80, 0x04, .. System.Text.Encoding.ASCII.GetBytes(newPin)]).SwHex());
        Assert.Equal("63C2", card.VerifyAscii(card.Persona.TextPin!).SwHex());
        Assert.Equal("9000", card.VerifyAscii(newPin).SwHex());
        // A freshly personalised card from the same image still has the original PIN.
        var other = fixture.Card();
        other.SelectAp(ApplicationKind.Text);
        other.SelectEf(0x0011);
        Assert.Equal("9000", other.VerifyAscii(other.Persona.TextPin!).SwHex());
    }

    [Fact]
    public void Sign_password_rules_and_verification_numbers_cannot_change()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Jpki);
        card.SelectEf(0x001B);
        card.VerifyAscii(card.Persona.SignPassword!);
        Assert.Equal("6A80", card.Send("002401800A" + Hex.Of("ABCDEFGHIJ"u8)).SwHex()); // no digit
        Assert.Equal("6A80", card.Send("0024018006" + Hex.Of("abc123"u8)).SwHex()); // lower case
        Assert.Equal("9000", card.Send("0024018007" + Hex.Of("NEWPW12"u8)).SwHex());
        Assert.Equal("9000", card.VerifyAscii("NEWPW12").SwHex());

        card.SelectAp(ApplicationKind.Surface);
        card.SelectEf(0x0012);
        card.VerifyAscii(card.Persona.VerificationNumberB);
        Assert.Equal("6985", card.ProcessApdu([0x00, 0x24, 0x01, 0x80, 0x0E, .. "12345678901234"u8]).SwHex());
    }

    [Fact]
    public void Juki_pin_uses_jicsap_change_key()
    {
        var card = fixture.Card();
        card.SelectAp(ApplicationKind.Juki);
        card.SelectEf(0x001C);
        card.VerifyAscii(card.Persona.JukiPin!);
        Assert.Equal("6985", card.Send("0024018004" + Hex.Of("1111"u8)).SwHex());
        Assert.Equal("6E00", card.Send("0032008004" + Hex.Of("1111"u8)).SwHex());
        Assert.Equal("9000", card.Send("8032008004" + Hex.Of("1111"u8)).SwHex());
        Assert.Equal("9000", card.VerifyAscii("1111").SwHex());
    }
}
