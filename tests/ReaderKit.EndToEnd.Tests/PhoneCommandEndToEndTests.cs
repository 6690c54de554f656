using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// `readerkit phone` as an integrator runs it: the executable opens a UART PN532 (the emulator on a pseudo-terminal, paced
/// at 115200 baud) with the smartphone persona on Type A in its field, reads the auth PIN from standard input and verifies
/// the phone's JPKI offline.
/// </summary>
public sealed class PhoneCommandEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("readerkit-phone-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_phone_with_the_right_pin_is_accepted_and_the_limits_are_stated()
    {
        var persona = PersonaCatalog.Get("phone");
        var result = await RunAsync(persona, persona.AuthPin!);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("PASS jpki.chain", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS jpki.challenge", result.Output, StringComparison.Ordinal);
        Assert.Contains("SKIP card.face", result.Output, StringComparison.Ordinal);
        Assert.Contains("does NOT prove", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(persona.AuthPin!, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_pin_is_a_refused_credential()
    {
        var persona = PersonaCatalog.Get("phone");
        var result = await RunAsync(persona, persona.AuthPin == "0000" ? "1111" : "0000");
        Assert.True(result.ExitCode == 6, result.Output + result.Error);
        Assert.Contains("credential refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaying_phone_is_not_genuine()
    {
        var persona = PersonaCatalog.Get("phone-replay");
        var result = await RunAsync(persona, persona.AuthPin!);
        Assert.True(result.ExitCode == 4, result.Output + result.Error);
        Assert.Contains("FAIL jpki.challenge", result.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(Persona persona, string pin)
    {
        var trust = Path.Combine(_work, "trust.json");
        TestPki.Default.WriteTrustJson(trust);
        var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Uart(115_200) });
        chip.Field.Insert(VirtualMyNumberCard.Create(persona, new SyntheticPortraitPhotoSource()));
        using var pty = new Pn532HsuAttachment(chip, 115_200);
        string[] args =
        [
            "phone", "--link", "hsu", "--port", pty.SlavePath, "--baud", "115200",
            "--trust", trust, "--allow-test-anchors", "--pin-stdin",
        ];
        return await ReaderKitCli.RunAsync(args, pin);
    }
}
