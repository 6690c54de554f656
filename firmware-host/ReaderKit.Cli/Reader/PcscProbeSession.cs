using ReaderKit.Pcsc;

namespace ReaderKit.Cli.Reader;

/// <summary>What a PC/SC probe found: every reader, the selected one, and its state (card present, ATR, held by another application).</summary>
internal sealed record PcscProbeReport(IReadOnlyList<string> Readers, string Selected, PcscReaderStatus Status);

/// <summary>The PC/SC probe both <c>readerkit probe --link pcsc</c> and <c>readerkit doctor</c> run: lists the readers, selects one, reads its state. Connects to nothing.</summary>
internal static class PcscProbeSession
{
    /// <summary>Probes the reader <paramref name="reader"/> names (null: the only one).</summary>
    /// <exception cref="PcscReaderSelectionException">No reader, no match, or several matches.</exception>
    public static PcscProbeReport Run(string? reader)
    {
        using var context = PcscContext.Establish();
        var readers = context.ListReaders();
        var selected = PcscReaderSelection.Select(readers, reader);
        return new PcscProbeReport(readers, selected, context.GetStatus(selected));
    }
}
