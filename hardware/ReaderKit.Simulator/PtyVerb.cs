using System.CommandLine;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary>
/// <c>pty [--persona NAME] [--baud 115200]</c>: a PN532 on HSU behind a new Linux pseudo-terminal with the persona's
/// virtual card in the field. Prints exactly one line <c>pty: /dev/pts/N</c> on stdout and serves until SIGINT/SIGTERM.
/// Bytes move at the baud rate (pacing) unless <c>--no-pacing</c>.
/// </summary>
internal sealed class PtyVerb : ISimulatorVerb
{
    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "Persona name (see `personas`).", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var baud = new Option<int>("--baud") { Description = "UART baud rate of the emulated PN532 (pacing rate).", DefaultValueFactory = _ => 115_200 };
        var noPacing = new Option<bool>("--no-pacing") { Description = "Move bytes at once instead of at the baud rate." };
        var command = new Command("pty", "Serve a PN532 (HSU) with a persona's virtual My Number Card on a new pseudo-terminal.")
        {
            persona, baud, noPacing,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(persona)!;
            if (!PersonaCatalog.TryGet(name, out var selected))
            {
                await Console.Error.WriteLineAsync($"pty: unknown persona '{name}' (see `personas`).").ConfigureAwait(false);
                return 2;
            }

            int rate = parseResult.GetValue(baud);
            if (rate <= 0)
            {
                await Console.Error.WriteLineAsync("pty: --baud must be positive.").ConfigureAwait(false);
                return 2;
            }

            if (!OperatingSystem.IsLinux())
            {
                await Console.Error.WriteLineAsync("pty: needs Linux pseudo-terminals.").ConfigureAwait(false);
                return 2;
            }

            VirtualMyNumberCard card;
            try
            {
                card = SimulatedCards.Create(selected.Name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"pty: cannot build the card: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            var timing = parseResult.GetValue(noPacing) ? Pn532Timing.Instant : Pn532Timing.Uart(rate);
            var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = timing });
            chip.Field.Insert(card);
            using var hsu = new Pn532HsuAttachment(chip, rate);
            Console.WriteLine($"pty: {hsu.SlavePath}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT / SIGTERM: System.CommandLine cancels the token.
            }

            return 0;
        });
        return command;
    }
}
