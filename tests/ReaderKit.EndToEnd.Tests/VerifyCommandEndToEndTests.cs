using System.Text.Json.Nodes;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// The whole product path as an integrator runs it: the `readerkit` executable opens a UART PN532 (the emulator on
/// a pseudo-terminal, paced at 115200 baud like the real chip), reads and verifies the virtual card, and matches the
/// chip photo against the virtual camera. Nothing in-process is shared with the tool but the pty.
/// </summary>
public sealed class VerifyCommandEndToEndTests : IDisposable
{
    private static readonly ChipPhotoFactory Photos = new();
    private readonly string _work = Directory.CreateTempSubdirectory("readerkit-e2e-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Genuine_card_and_live_holder_are_accepted()
    {
        var persona = PersonaCatalog.Default;
        var result = await RunVerifyAsync(persona, LivePresentation.Live, "--json", "--text");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var report = JsonNode.Parse(result.Output)!;
        Assert.True((bool)report["genuine"]!);
        Assert.True((bool)report["accepted"]!);
        Assert.Equal("Match", (string?)report["face"]!["decision"]);
        Assert.Equal(persona.Holder.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)report["birthDate"]);
        Assert.Equal(persona.Holder.FullName, (string?)report["text"]!["name"]);
        Assert.False((bool)report["expiry"]!["signed"]!);
        Assert.DoesNotContain(persona.MyNumber, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(persona.VerificationNumberB, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(persona.SecurityCode, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clone_is_rejected_as_not_genuine()
    {
        var result = await RunVerifyAsync(PersonaCatalog.Get("clone"), LivePresentation.Live);
        Assert.True(result.ExitCode == 4, result.Output + result.Error);
        Assert.Contains("FAIL surface.card-presence", result.Output, StringComparison.Ordinal);
        Assert.Contains("REJECT", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_card_is_genuine_but_rejected()
    {
        var result = await RunVerifyAsync(PersonaCatalog.Get("expired"), LivePresentation.Live);
        Assert.True(result.ExitCode == 4, result.Output + result.Error);
        Assert.Contains("card genuine but EXPIRED", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_held_still_is_not_accepted()
    {
        var result = await RunVerifyAsync(PersonaCatalog.Get("sato-hanako"), LivePresentation.StaticPhoto);
        Assert.True(result.ExitCode == 5, result.Output + result.Error);
        Assert.Contains("FAIL face.pad.static-frames", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_in_front_of_the_camera_is_not_accepted()
    {
        var card = PersonaCatalog.Get("heisei-1");
        var result = await RunVerifyAsync(card, LivePresentation.Live, cameraPersona: PersonaCatalog.Get("showa-64"));
        Assert.True(result.ExitCode == 5, result.Output + result.Error);
        Assert.True(result.Output.Contains("FAIL face.match: NoMatch", StringComparison.Ordinal), result.Output);
    }

    [Fact]
    public async Task Card_with_two_tries_left_is_refused_without_spending_one()
    {
        var persona = PersonaCatalog.Get("b-two-left");
        var card = VirtualMyNumberCard.Create(persona, Photos);
        var result = await RunVerifyAsync(persona, LivePresentation.Live, card: card);
        Assert.True(result.ExitCode == 6, result.Output + result.Error);
        Assert.Contains("credential refused", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, card.RemainingTries(ReaderKit.VirtualCard.Files.ApplicationKind.Surface, 0x0012));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunVerifyAsync(
        Persona persona, LivePresentation presentation, string? extra = null, string? extra2 = null, Persona? cameraPersona = null, VirtualMyNumberCard? card = null)
    {
        var trust = Path.Combine(_work, "trust.json");
        TestPki.Default.WriteTrustJson(trust);
        var cameraDir = Path.Combine(_work, "camera");
        LiveCamera.WriteFrames(cameraDir, cameraPersona ?? persona, 12, presentation);

        var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Uart(115_200) });
        chip.Field.Insert(card ?? VirtualMyNumberCard.Create(persona, Photos));
        using var pty = new Pn532HsuAttachment(chip, 115_200);

        var numberB = $"{persona.Holder.DateOfBirth:yyyy-MM-dd} {persona.ExpiryDate.Year} {persona.SecurityCode}";
        string[] args =
        [
            "verify", "--link", "hsu", "--port", pty.SlavePath, "--baud", "115200",
            "--trust", trust, "--allow-test-anchors", "--number-b-stdin", "--camera", "file:" + cameraDir, "--allow-replay-camera",
            .. persona.Holder.IsForeignResident ? ["--western-birth-date"] : Array.Empty<string>(),
            .. new[] { extra, extra2 }.OfType<string>(),
        ];
        return await ReaderKitCli.RunAsync(args, numberB);
    }
}
