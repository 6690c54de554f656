using ReaderKit.Cli.Reporting;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Messages;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard.Personas;
using SkiaSharp;

namespace ReaderKit.Cli.Tests;

/// <summary>The demo's result card: the text it draws (the render model) and the PNG it writes.</summary>
public sealed class ResultCardTests
{
    private static ResultCard Card(byte[]? photo, byte[]? live) => ResultCard.From("Genuine card, its holder at the kiosk (yamada-taro)", new TapResult("t1", VerdictKind.FaceNotAccepted)
    {
        Error = RpcError.From(ErrorCode.PresentationAttackSuspected, "attack"),
        Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "CVC verified"), new CheckLine("face.pad.screen-replay", CheckLineStatus.Fail, "ScreenPatternDetected, 12/12 frames")],
        Face = new FaceOutcome("attackSuspected") { Score = 3.0051, Threshold = 2.51 },
        Mode = ReaderModes.Offline,
        RecordId = "06H3-F0VZ-7XCR-ATY7",
        Fields = new PersonalFields { Photo = photo, LiveFrame = live },
    });

    [Fact]
    public void The_card_shows_the_verdict_the_score_against_the_threshold_each_check_with_pass_or_fail_and_the_mode()
    {
        var card = Card(null, null);
        Assert.Equal(
        [
            "Genuine card, its holder at the kiosk (yamada-taro)",
            "Verdict: FaceNotAccepted (PresentationAttackSuspected)",
            "Face: attackSuspected, score 3.005 against threshold 2.510",
            "Mode: offline; journal record 06H3-F0VZ-7XCR-ATY7",
            "PASS surface.cvc: CVC verified",
            "FAIL face.pad.screen-replay: ScreenPatternDetected, 12/12 frames",
        ], card.Lines);
        Assert.Equal("Face: not checked", ResultCard.From("x", new TapResult("t2", VerdictKind.NotGenuine)).ScoreLine);
    }

    [Fact]
    public void The_png_decodes_at_its_size_with_the_chip_photo_left_and_the_live_frame_right()
    {
        var persona = PersonaCatalog.Get("yamada-taro");
        var photo = new ChipPhotoFactory().GetPhoto(persona);
        var live = LiveCamera.Frames(persona, 1)[0];
        var card = Card(photo, live);

        using var png = SKBitmap.Decode(ResultCardRenderer.RenderPng(card));
        Assert.NotNull(png);
        Assert.Equal(ResultCardRenderer.SizeOf(card), (png.Width, png.Height));
        Assert.True(Variance(png, 0, png.Width / 2) > 100, "the chip photo half shows a picture");
        Assert.True(Variance(png, png.Width / 2, png.Width) > 100, "the live frame half shows a picture");

        // Without images both halves are (almost) blank: the variance above comes from the photos.
        using var blank = SKBitmap.Decode(ResultCardRenderer.RenderPng(Card(null, null)));
        Assert.True(Variance(blank, 0, blank.Width / 2) < 100 && Variance(blank, blank.Width / 2, blank.Width) < 100);
    }

    /// <summary>Grey-level variance of the photo band between columns <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static double Variance(SKBitmap bitmap, int from, int to)
    {
        double sum = 0, squares = 0;
        var n = 0;
        for (var y = 30; y < ResultCardRenderer.PhotoBand - 30; y += 2)
        {
            for (var x = from + 30; x < to - 30; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                double v = (p.Red + p.Green + p.Blue) / 3.0;
                sum += v;
                squares += v * v;
                n++;
            }
        }

        var mean = sum / n;
        return (squares / n) - (mean * mean);
    }
}
