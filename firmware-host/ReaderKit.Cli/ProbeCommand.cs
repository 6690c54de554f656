using System.CommandLine;
using ReaderKit.Apdu;
using ReaderKit.Cli.Reader;
using ReaderKit.Nfc;
using ReaderKit.Pcsc;

namespace ReaderKit.Cli;

/// <summary>
/// `readerkit probe`: checks the wiring before the first card — wakes the PN532, prints its firmware and whether
/// a Type B card is in the field; with <c>--link pcsc</c> lists the PC/SC readers, picks the one <c>--reader</c> names and prints
/// whether a card is in it (its ATR) and whether another application holds it. Exit 0 when the reader answered, 3 when it did
/// not (typed reason on stderr).
/// </summary>
internal sealed class ProbeCommand : ICliCommand
{
    public Command Build()
    {
        var link = new ReaderLinkOptions();
        var command = new Command("probe", "Check the reader: the PN532's firmware and Type B support, or the PC/SC reader (--link pcsc); and whether a card is in the field.");
        link.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                if (link.IsPcsc(parse))
                {
                    return ProbePcsc(parse.GetValue(link.Reader), output);
                }

                if (parse.GetValue(link.Reader) is not null)
                {
                    throw new ArgumentException("--reader names a PC/SC reader: use it with --link pcsc.");
                }

                var report = await Pn532ProbeSession.RunAsync(link.Factory(parse).Open(), options: null, ct).ConfigureAwait(false);
                output.WriteLine($"reader: {report.Link}");
                output.WriteLine($"firmware: {report.Firmware}");
                output.WriteLine(report.Card is null ? "card: none in the field" : $"card: Type B, {report.Card}");
                if (report.LinkNote is not null)
                {
                    output.WriteLine($"i2c: {report.LinkNote}");
                }

                return 0;
            }
            catch (Exception e) when (e is CardException or IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"probe failed: {e.GetType().Name}: {e.Message}");
                return 3;
            }
        });
        return command;
    }

    /// <summary>Lists the readers, selects one, prints its state. Connects to nothing (a card in the reader is not touched).</summary>
    private static int ProbePcsc(string? reader, TextWriter output)
    {
        var report = PcscProbeSession.Run(reader);
        foreach (var name in report.Readers)
        {
            output.WriteLine($"pcsc reader: {name}");
        }

        var (selected, status) = (report.Selected, report.Status);
        output.WriteLine($"reader: {selected} (PC/SC)");
        output.WriteLine(status.CardPresent ? $"card: present, ATR {Convert.ToHexString(status.Atr.Span)}" : "card: none in the field");
        if (status.Exclusive || status.InUse)
        {
            output.WriteLine($"in use: another application holds the reader{(status.Exclusive ? " exclusively" : "")} (a tap would be ReaderBusy)");
        }

        return 0;
    }
}
