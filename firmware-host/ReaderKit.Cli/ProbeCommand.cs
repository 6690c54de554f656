using System.CommandLine;
using ReaderKit.Apdu;
using ReaderKit.Cli.Reader;
using ReaderKit.Nfc;

namespace ReaderKit.Cli;

/// <summary>
/// `readerkit probe`: checks the wiring before the first card — wakes the PN532, prints its firmware and whether
/// a Type B card is in the field. Exit 0 when the chip answered, 3 when it did not (typed reason on stderr).
/// </summary>
internal sealed class ProbeCommand : ICliCommand
{
    public Command Build()
    {
        var link = new ReaderLinkOptions();
        var command = new Command("probe", "Check the PN532: firmware version, Type B support, and whether a card is in the field.");
        link.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                await using var chip = new Pn532(link.Factory(parse).Open());
                var firmware = await chip.InitializeAsync(ct).ConfigureAwait(false);
                Console.Out.WriteLine($"reader: {chip.Link.Name}");
                Console.Out.WriteLine($"firmware: {firmware}");
                var target = await chip.ListTypeBTargetAsync(ct).ConfigureAwait(false);
                Console.Out.WriteLine(target is null ? "card: none in the field" : $"card: Type B, {target}");
                if (target is not null)
                {
                    await chip.ReleaseAsync(target.TargetNumber, ct).ConfigureAwait(false);
                }

                if (chip.Link is Pn532I2cLink i2c)
                {
                    // A PN532 that needs idle time between transactions NAKs; the link widens its gap (see wiring.md).
                    Console.Out.WriteLine($"i2c: bus-free gap {i2c.CurrentBusFreeTime.TotalMilliseconds:0.#} ms, {i2c.RetriedTransactions} retried transaction(s)");
                }

                return 0;
            }
            catch (Exception e) when (e is CardException or IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                Console.Error.WriteLine($"probe failed: {e.GetType().Name}: {e.Message}");
                return 3;
            }
        });
        return command;
    }
}
