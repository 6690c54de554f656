using System.Globalization;
using ReaderKit.Host.Configuration;
using ReaderKit.Forms;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Paperwork;

namespace ReaderKit.Host.Tools;

/// <summary>
/// <c>readerkit journal export</c> and <c>readerkit journal reconcile</c> over the journal file the host writes. Opening
/// the journal from a second process is safe (WAL: readers and one writer); the key file is needed because record
/// access goes through the same <see cref="TapJournal"/>. Exports never print personal fields; the receipt hash of a
/// printable record is recomputed from its kept fields in memory (audited as reconciliation).
/// </summary>
public static class JournalTool
{
    /// <summary>Writes records started at or after <paramref name="since"/> to <paramref name="output"/>; errors and the count go to <paramref name="messages"/>.</summary>
    public static int Export(JournalOptions options, DateTimeOffset since, bool offlineOnly, JournalExportFormat format, Stream output, TextWriter messages, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messages);
        return WithJournal(options, messages, time, (journal, keys) =>
        {
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions());
            var n = JournalExporter.Write(journal.Query(since, offlineOnly), output, format, paperwork.ReceiptHash);
            messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal export: {n} record(s) since {since:yyyy-MM-dd'T'HH:mm:ss'Z'}{(offlineOnly ? ", offline only" : "")}"));
            return ToolExitCodes.Ok;
        });
    }

    /// <summary>Marks records reconciled; unknown ids are listed and make the exit code <see cref="ToolExitCodes.InvalidInput"/>.</summary>
    public static int Reconcile(JournalOptions options, IReadOnlyList<string> ids, string? reference, TextWriter messages, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(messages);
        var parsed = new List<JournalRecordId>();
        foreach (var text in ids)
        {
            if (!JournalRecordId.TryParse(text, out var id))
            {
                messages.WriteLine($"journal reconcile: '{text}' is not a record id (16 characters, e.g. 01JH-3K5M-8Q2R-7XZW)");
                return ToolExitCodes.InvalidInput;
            }

            parsed.Add(id);
        }

        return WithJournal(options, messages, time, (journal, _) =>
        {
            var missing = journal.MarkReconciled(parsed, reference);
            foreach (var id in missing)
            {
                messages.WriteLine($"journal reconcile: no record {id}");
            }

            messages.WriteLine($"journal reconcile: {parsed.Count - missing.Count} record(s) marked reconciled");
            return missing.Count == 0 ? ToolExitCodes.Ok : ToolExitCodes.InvalidInput;
        });
    }

    /// <summary>Parses <c>--since</c>: an ISO date or date-time (UTC unless it has an offset), or a relative <c>Nd</c>/<c>Nh</c>.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(text);
        since = default;
        if (text.Length >= 2 && (text[^1] is 'd' or 'h') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            since = now - (text[^1] == 'd' ? TimeSpan.FromDays(n) : TimeSpan.FromHours(n));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }

    /// <summary>
    /// <c>readerkit form</c>: writes the outage form (or the receipt slip) of record <paramref name="recordId"/> to
    /// <paramref name="outputPath"/> and prints the path. Exit 0, 2 bad id / unknown record / record not printable / no
    /// Japanese font, 3 journal or key file unavailable.
    /// </summary>
    public static int Form(JournalOptions options, PaperworkOptions paperworkOptions, string recordId, string outputPath, bool slip, TextWriter output, TextWriter messages, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(messages);
        if (!JournalRecordId.TryParse(recordId, out var id))
        {
            messages.WriteLine($"form: '{recordId}' is not a record id (16 characters, e.g. 01JH-3K5M-8Q2R-7XZW)");
            return ToolExitCodes.InvalidInput;
        }

        return WithJournal(options, messages, time, (journal, keys) =>
        {
            try
            {
                var paperwork = new OutagePaperwork(journal, keys, paperworkOptions);
                output.WriteLine(paperwork.WritePdf(id, outputPath, slip));
                return ToolExitCodes.Ok;
            }
            catch (RecordNotFoundException)
            {
                messages.WriteLine($"form: no record {id}");
                return ToolExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is FormInputException or FormFontUnavailableException)
            {
                messages.WriteLine("form: " + e.Message);
                return ToolExitCodes.InvalidInput;
            }
        });
    }

    private static int WithJournal(JournalOptions options, TextWriter messages, TimeProvider time, Func<TapJournal, DeviceKeyRing, int> action)
    {
        if (!File.Exists(options.Path))
        {
            messages.WriteLine($"journal: no journal at {options.Path}");
            return ToolExitCodes.Unavailable;
        }

        try
        {
            using var keys = DeviceKeyRing.Open(options.KeyFile);
            using var journal = TapJournal.Open(options.Path, keys, time, "readerkit-cli");
            return action(journal, keys);
        }
        catch (Exception e) when (e is DeviceKeyException or JournalUnavailableException or UnauthorizedAccessException)
        {
            messages.WriteLine("journal: " + e.Message);
            return ToolExitCodes.Unavailable;
        }
    }
}
