using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests;

public sealed class ApduProcessorTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    private const string SelectSurface = "00A4040C0AD3921000310001010402";
    private const string SelectText = "00A4040C0AD3921000310001010408";

    [Theory]
    [InlineData("00A4040C0AD392F000260100000001")]
    [InlineData("00A4040C0AD3921000310001010408")]
    [InlineData("00A4040C0AD3921000310001010402")]
    [InlineData("00A4040C0AD3921000310001010401")]
    [InlineData("00A4040C0AD3921000310001010100")]
    public void Select_by_df_name_of_each_application_answers_9000(string apdu) =>
        Assert.Equal("9000", fixture.Card().Send(apdu).SwHex());

    [Fact]
    public void Select_unknown_aid_answers_6A82() =>
        Assert.Equal("6A82", fixture.Card().Send("00A4040C0AD3921000310001010499").SwHex());

    [Fact]
    public void Select_with_bad_p2_answers_6A86_and_bad_p1_answers_6A86()
    {
        var card = fixture.Card();
        Assert.Equal("6A86", card.Send("00A404FF0AD3921000310001010402").SwHex());
        Assert.Equal("6A86", card.Send("00A4090C020001").SwHex());
    }

    [Fact]
    public void Select_ef_without_df_or_unknown_ef_answers_6A82()
    {
        var card = fixture.Card();
        Assert.Equal("6A82", card.Send("00A4020C020004").SwHex());
        card.Send(SelectSurface);
        Assert.Equal("6A82", card.Send("00A4020C020099").SwHex());
        Assert.Equal("9000", card.Send("00A4020C020004").SwHex());
    }

    [Fact]
    public void Select_ef_with_wrong_lc_answers_6700() =>
        Assert.Equal("6700", fixture.Card().Send("00A4020C03000400").SwHex());

    [Fact]
    public void Select_mf_answers_6A86_after_reset_and_9000_without_changing_df_later()
    {
        var card = fixture.Card();
        Assert.Equal("6A86", card.Send("00A40000").SwHex());
        card.Send(SelectSurface);
        Assert.Equal("9000", card.Send("00A40000").SwHex());
        Assert.Equal("6A82", card.Send("00A40000023F00").SwHex());
        // Still in the surface AP: its CVC is selectable.
        Assert.Equal("9000", card.Send("00A4020C020004").SwHex());
    }

    [Fact]
    public void Read_binary_with_offsets_returns_the_exact_file_bytes()
    {
        var card = fixture.Card();
        var expected = fixture.Image("yamada-taro").ReadPhysicalFile(ApplicationKind.Surface, 0x0004);
        card.Send(SelectSurface);
        card.Send("00A4020C020004");
        Assert.Equal(expected, card.ReadAll(0xF0));
        Assert.Equal(expected[0x100..0x110], card.Send("00B0010010").Data());
    }

    [Fact]
    public void Read_binary_le_00_means_256_and_extended_le_reads_whole_file()
    {
        var card = fixture.Card();
        var expected = fixture.Image("yamada-taro").ReadPhysicalFile(ApplicationKind.Surface, 0x0004);
        card.Send(SelectSurface);
        card.Send("00A4020C020004");
        var r = card.Send("00B0000000");
        Assert.Equal(256, r.Data().Length);
        var extended = card.Send("00B00000000000");
        Assert.Equal("9000", extended.SwHex());
        Assert.Equal(expected, extended.Data());
        var partial = card.Send("00B0000000012C");
        Assert.Equal(expected[..300], partial.Data());
    }

    [Fact]
    public void Read_binary_at_end_returns_fewer_bytes_and_past_end_6B00()
    {
        var card = fixture.Card();
        card.Send(SelectSurface);
        card.Send("00A4020C020004"); // a 568-byte CVC in a 768-byte EF (filler FF after it)
        var tail = card.Send("00B002E000"); // offset 0x2E0 = 736, asks 256
        Assert.Equal("9000", tail.SwHex());
        Assert.Equal(32, tail.Data().Length);
        Assert.All(tail.Data(), b => Assert.Equal(0xFF, b));
        Assert.Equal("6B00", card.Send("00B0030001").SwHex()); // offset 768 = size
        Assert.Equal("6B00", card.Send("00B0100001").SwHex());
    }

    [Fact]
    public void Read_binary_without_le_answers_6700_and_without_ef_6986()
    {
        var card = fixture.Card();
        card.Send(SelectSurface);
        Assert.Equal("6986", card.Send("00B0000010").SwHex());
        card.Send("00A4020C020004");
        Assert.Equal("6700", card.Send("00B00000").SwHex());
    }

    [Fact]
    public void Read_binary_by_short_ef_id_selects_and_reads()
    {
        var card = fixture.Card();
        var expected = fixture.Image("yamada-taro").ReadFile(ApplicationKind.Surface, 0x0003);
        card.Send(SelectSurface);
        var r = card.Send("00B0830000");
        Assert.Equal("9000", r.SwHex());
        Assert.Equal(expected.Take(256), r.Data());
        Assert.Equal(expected[0x10..0x18], card.Send("00B0831008").Data());
        Assert.Equal("6A82", card.Send("00B09D0000").SwHex());
        Assert.Equal("6A86", card.Send("00B0E30000").SwHex());
        // Current EF is now 0003: a plain read continues from it.
        Assert.Equal(expected[..4], card.Send("00B0000004").Data());
    }

    [Fact]
    public void Read_binary_on_key_ef_answers_6981()
    {
        var card = fixture.Card();
        card.Send(SelectSurface);
        card.Send("00A4020C020012");
        Assert.Equal("6981", card.Send("00B0000001").SwHex());
    }

    [Fact]
    public void Protected_files_answer_6982_before_verify()
    {
        var card = fixture.Card();
        card.Send(SelectSurface);
        foreach (var fid in new[] { "0001", "0002", "0005" })
        {
            card.Send("00A4020C02" + fid);
            Assert.Equal("6982", card.Send("00B0000005").SwHex());
        }

        card.Send(SelectText);
        foreach (var fid in new[] { "0001", "0002", "0003", "0006", "0007" })
        {
            card.Send("00A4020C02" + fid);
            Assert.Equal("6982", card.Send("00B0000005").SwHex());
        }
    }

    [Theory]
    [InlineData("00FF000000", "6D00")]
    [InlineData("0012000000", "6D00")]
    [InlineData("A0A4040C0AD3921000310001010402", "6E00")]
    [InlineData("80A4040C0AD3921000310001010402", "6E00")]
    [InlineData("002A000001AA", "6E00")]
    [InlineData("00A4", "6700")]
    [InlineData("", "6700")]
    [InlineData("00A4040C0AD39210", "6700")]
    [InlineData("00B000000000", "6700")]
    public void Malformed_or_unknown_commands_get_a_status_word(string apdu, string sw) =>
        Assert.Equal(sw, fixture.Card().Send(apdu).SwHex());

    [Fact]
    public void Random_garbage_never_throws()
    {
        var card = fixture.Card();
        var random = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            if (bytes.Length > 1 && random.Next(3) == 0)
            {
                bytes[0] = 0x00;
            }

            var r = card.ProcessApdu(bytes);
            Assert.True(r.Length >= 2);
        }
    }

    [Fact]
    public void Get_challenge_returns_requested_random_bytes()
    {
        var card = fixture.Card();
        card.Send(SelectSurface);
        var a = card.Send("0084000008");
        var b = card.Send("0084000008");
        Assert.Equal("9000", a.SwHex());
        Assert.Equal(8, a.Data().Length);
        Assert.NotEqual(a.Data(), b.Data());
        Assert.Equal("6A86", card.Send("0084010008").SwHex());
        Assert.Equal("6700", card.Send("00840000").SwHex());
    }

    [Fact]
    public void Get_response_without_pending_data_is_refused() =>
        Assert.Equal("6986", fixture.Card().Send("00C0000000").SwHex());

    [Fact]
    public void Processing_time_is_longer_for_signing_than_for_reads()
    {
        var card = fixture.Card();
        var read = card.ProcessingTime(Hex.Bytes("00B00000F0"));
        var sign = card.ProcessingTime(Hex.Bytes("802A00001301020304050607080910111213141516171819"));
        Assert.InRange(read.TotalMilliseconds, 5, 15);
        Assert.True(card.ProcessingTime(Hex.Bytes("00B0000010")) < card.ProcessingTime(Hex.Bytes("00B0000000")));
        Assert.InRange(sign.TotalMilliseconds, 300, 1500);
    }

    [Fact]
    public void Atqb_attrib_and_pseudo_atr_have_the_card_layout()
    {
        var card = fixture.Card();
        Assert.Equal(12, card.Atqb.Length);
        Assert.Equal(0x50, card.Atqb[0]);
        Assert.Equal("000005E0B381A1", Hex.Of(card.Atqb.AsSpan(5)));
        Assert.Equal(new byte[] { 0x00 }, card.AttribResponse);
        Assert.Equal("3B888001000005E0B381A1007F", Hex.Of(card.PseudoAtr));
    }
}
